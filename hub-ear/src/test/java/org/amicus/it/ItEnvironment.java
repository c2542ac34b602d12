package org.amicus.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.amicus.deploy.DatabaseSettings;
import org.amicus.deploy.LaunchException;
import org.amicus.messaging.testing.LoopbackPorts;

/** What the integration tests run against, from the system properties failsafe sets. */
final class ItEnvironment {

    /** The integration test classes a suite runs: {@code *IT} and their nested classes. */
    static final String TEST_CLASSES = "^org\\.amicus\\.it\\..*IT(\\$.*)?$";

    private ItEnvironment() {}

    /**
     * Points this JVM's tests at one database and a work directory of their own ({@code amicus.it.work.root}/db)
     * and a range of loopback ports no other suite run uses: the build runs the H2 and the PostgreSQL suite at
     * the same time, in two JVMs, and a port one JVM probed free must not be taken by the other's node.
     */
    static void runOn(String db) {
        System.setProperty("amicus.it.db", db);
        System.setProperty(
                "amicus.it.work",
                Path.of(required("amicus.it.work.root")).resolve(db).toString());
        System.setProperty(LoopbackPorts.RANGE_PROPERTY, "postgresql".equals(db) ? "26000-31999" : "20000-25999");
    }

    static Path bundle() {
        return Path.of(required("amicus.it.bundle"));
    }

    /** A directory of this suite run (one per database). */
    static Path work() {
        return Path.of(required("amicus.it.work"));
    }

    static boolean postgres() {
        return "postgresql".equals(required("amicus.it.db"));
    }

    static String pgUrl() {
        return required("amicus.it.pg.url");
    }

    static String pgUser() {
        return required("amicus.it.pg.user");
    }

    static String pgPassword() {
        return required("amicus.it.pg.password");
    }

    /** The database a node under test uses: H2 in its data directory, or the test PostgreSQL. */
    static DatabaseSettings database(Path dataDir) {
        if (!postgres()) {
            return new DatabaseSettings.H2File(dataDir.resolve("db").resolve("amicus"));
        }
        try {
            return DatabaseSettings.PostgreSql.of(pgUrl(), pgUser(), pgPassword());
        } catch (LaunchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Empties the test PostgreSQL database, so each node under test starts from nothing. */
    static void resetDatabase() {
        if (!postgres()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the PostgreSQL test database at " + pgUrl() + " is not usable (" + e.getMessage()
                            + "); run deploy/dev/setup-test-postgresql as root, or point -Damicus.it.pg.url/user/password"
                            + " at a database with max_prepared_transactions > 0",
                    e);
        }
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    static void deleteTree(Path root) throws java.io.IOException {
        if (!java.nio.file.Files.exists(root)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** See {@link LoopbackPorts}: never port 0, never the same port twice. */
    static int freePort() {
        return LoopbackPorts.free();
    }

    private static String required(String name) {
        return Objects.requireNonNull(System.getProperty(name), () -> "system property " + name + " is not set");
    }
}
