package org.amicus.it;

import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Every integration test with the nodes on PostgreSQL (the test database of {@code
 * deploy/dev/setup-test-postgresql}), side by side with {@link OnH2}.
 */
@Suite
@SuiteDisplayName("PostgreSQL")
@SelectPackages("org.amicus.it")
@IncludeClassNamePatterns(ItEnvironment.TEST_CLASSES)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.amicus.it.ItClassOrder$BusyLast")
public class OnPostgreSql {

    @BeforeSuite
    static void database() {
        ItEnvironment.runOn("postgresql");
    }
}
