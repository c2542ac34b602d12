package org.amicus.it;

import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Every integration test with the nodes on H2 (their embedded default). The build runs this suite and {@link
 * OnPostgreSql} side by side, each in a JVM of its own (see {@link ItEnvironment#runOn}).
 */
@Suite
@SuiteDisplayName("H2")
@SelectPackages("org.amicus.it")
@IncludeClassNamePatterns(ItEnvironment.TEST_CLASSES)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.amicus.it.ItClassOrder$BusyFirst")
public class OnH2 {

    @BeforeSuite
    static void database() {
        ItEnvironment.runOn("h2");
    }
}
