package org.amicus.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amicus.deploy.DataDirectory;
import org.amicus.deploy.LaunchException;
import org.amicus.deploy.ServerCommands;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The broker and boot commands of the Arquillian node; closed at the end of the test run. */
final class ArquillianNodeEnvironment implements ExtensionContext.Store.CloseableResource {

    /**
     * Arquillian reaches the server at the host Payara Micro reports, which need not be loopback; the
     * launcher's default (127.0.0.1) is tested by the launcher tests.
     */
    private static final String ARQUILLIAN_HTTP_ADDRESS = "0.0.0.0";

    static volatile TestBroker broker;

    static ArquillianNodeEnvironment start() {
        Path dir = ItEnvironment.work().resolve("arquillian");
        try {
            ItEnvironment.deleteTree(dir);
            Files.createDirectories(dir.resolve("tmp"));
            // the organisation key is created by the node at its first start, under this passphrase
            DataDirectory.writeOwnerOnly(dir.resolve("passphrase"), java.util.List.of(NodeProcess.PASSPHRASE));
            ItEnvironment.resetDatabase();
            broker = TestBroker.start(dir.resolve("broker"));
            Files.write(
                    dir.resolve("preboot.asadmin"),
                    ServerCommands.preBoot(dir.resolve("txlog"), ARQUILLIAN_HTTP_ADDRESS));
            Files.write(
                    dir.resolve("postboot.asadmin"),
                    ServerCommands.postBoot(
                            ItEnvironment.bundle().resolve("artemis-rar.rar"),
                            ItEnvironment.bundle().resolve("amicus-recovery.war"),
                            broker.port,
                            TestBroker.USER,
                            broker.password,
                            ItEnvironment.database(dir)));
            return new ArquillianNodeEnvironment();
        } catch (IOException | LaunchException e) {
            throw new IllegalStateException("cannot prepare the Arquillian node: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** With the shared PostgreSQL database: an empty database and no organisation key yet. */
    static void freshNodeIfDatabaseShared() {
        if (!ItEnvironment.postgres()) {
            return;
        }
        try {
            ItEnvironment.resetDatabase();
            ItEnvironment.deleteTree(ItEnvironment.work().resolve("arquillian").resolve("keys"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the Arquillian node: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }
}
