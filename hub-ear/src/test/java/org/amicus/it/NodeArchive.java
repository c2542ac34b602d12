package org.amicus.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment factory of the Arquillian tests: the node archive exactly as the bundle ships it,
 * plus the test classes that run inside it.
 */
final class NodeArchive {

    private NodeArchive() {}

    static WebArchive withTestClasses(Class<?>... testClasses) {
        File war = new File(System.getProperty("amicus.it.bundle"), "amicus-hub.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(testClasses)
                .addClasses(ArquillianNodeSetup.class, Http.class);
    }
}
