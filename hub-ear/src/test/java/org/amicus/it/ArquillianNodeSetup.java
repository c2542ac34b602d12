package org.amicus.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares what an Arquillian deployment of the node needs before Payara Micro starts: once per test
 * run, a real broker process and the boot commands (written by the launcher's own code). Register it
 * before ArquillianExtension. Inside the container it does nothing.
 */
public final class ArquillianNodeSetup implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (System.getProperty("amicus.it.bundle") == null) {
            return; // running inside the container
        }
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ArquillianNodeEnvironment.class, k -> ArquillianNodeEnvironment.start());
        // Other tests empty the shared PostgreSQL database between classes; the organisation key belongs
        // to the node id in that database, so each Arquillian class starts a fresh node there.
        ArquillianNodeEnvironment.freshNodeIfDatabaseShared();
    }
}
