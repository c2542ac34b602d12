package org.amicus.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node bundle assembled by hub-ear: everything a Payara Micro node needs, fetched by Maven.
 *
 * <pre>
 * BUNDLE/payara-micro.jar        Payara Micro 6.2025.10
 * BUNDLE/amicus-hub.war          the node archive (WAR with the EJB core and messaging adapters)
 * BUNDLE/artemis-rar.rar         the Artemis resource adapter
 * BUNDLE/amicus-recovery.war     the in-doubt recovery step, deployed and undeployed at every start
 * BUNDLE/lib/postgresql.jar      JDBC driver, added to the server with --addlibs
 * BUNDLE/broker/lib/*.jar        class path of the broker process
 * BUNDLE/launcher/lib/*.jar      this launcher
 * </pre>
 */
record NodeBundle(Path root) {

    static NodeBundle at(Path root) throws LaunchException {
        NodeBundle b = new NodeBundle(root.toAbsolutePath().normalize());
        for (Path p :
                new Path[] {b.payaraMicro(), b.nodeArchive(), b.resourceAdapter(), b.recoveryStep(), b.postgresDriver()
                }) {
            if (!Files.isRegularFile(p)) {
                throw new LaunchException(
                        LaunchException.COMPONENT,
                        "the node bundle is incomplete (" + p
                                + " is missing); rebuild it with ./mvnw -DskipTests package");
            }
        }
        return b;
    }

    Path payaraMicro() {
        return root.resolve("payara-micro.jar");
    }

    Path nodeArchive() {
        return root.resolve("amicus-hub.war");
    }

    Path resourceAdapter() {
        return root.resolve("artemis-rar.rar");
    }

    Path recoveryStep() {
        return root.resolve("amicus-recovery.war");
    }

    Path postgresDriver() {
        return root.resolve("lib").resolve("postgresql.jar");
    }

    String brokerClassPath() {
        return root.resolve("broker").resolve("lib") + File.separator + "*";
    }
}
