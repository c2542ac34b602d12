package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/**
 * A transaction left prepared ("in doubt") in a stopped node's database, as a crash between prepare and commit
 * leaves it: on the suite's PostgreSQL, or in the node's own H2 file (opened by the H2 that Payara ships).
 */
final class InDoubtDatabase {

    private InDoubtDatabase() {}

    /** Prepares a transaction holding a lock on a probe row and leaves it undecided; returns its name. */
    static String prepareOne(Path dataDir) throws Exception {
        // named as H2's XA driver names a prepared branch (XID|format|branch|global, Base64): the name needs quoting
        String gid = "XID|4711|"
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {7})
                + "|"
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (Connection c = connect(dataDir);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS in_doubt_probe (id VARCHAR(64) PRIMARY KEY)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO in_doubt_probe VALUES ('" + gid + "')");
            if (ItEnvironment.postgres()) {
                s.execute("PREPARE TRANSACTION '" + gid + "'");
            } else {
                s.execute("PREPARE COMMIT \"" + gid + "\"");
                try (Connection other = connect(dataDir);
                        Statement stop = other.createStatement()) {
                    stop.execute("SHUTDOWN IMMEDIATELY"); // as a crash would: the prepared transaction stays
                } catch (java.sql.SQLException closedByTheShutdown) {
                    // expected: the database went away under the statement
                }
            }
        } catch (java.sql.SQLException closedByTheShutdown) {
            if (ItEnvironment.postgres()) {
                throw closedByTheShutdown;
            }
        }
        assertEquals(1, inDoubt(dataDir, gid), "left in doubt");
        return gid;
    }

    /** The transaction is no longer in doubt, and it was rolled back (the probe row is not there). */
    static void assertEnded(Path dataDir, String gid) throws Exception {
        assertEquals(0, inDoubt(dataDir, gid), "no longer in doubt");
        try (Connection c = connect(dataDir);
                PreparedStatement q = c.prepareStatement("SELECT id FROM in_doubt_probe WHERE id = ?")) {
            q.setString(1, gid);
            try (ResultSet rs = q.executeQuery()) {
                assertFalse(rs.next(), "rolled back, not committed");
            }
        }
    }

    private static int inDoubt(Path dataDir, String gid) throws Exception {
        String query = ItEnvironment.postgres()
                ? "SELECT COUNT(*) FROM pg_prepared_xacts WHERE gid = ?"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT WHERE TRANSACTION_NAME = ?";
        try (Connection c = connect(dataDir);
                PreparedStatement q = c.prepareStatement(query)) {
            q.setString(1, gid);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Connection connect(Path dataDir) throws Exception {
        if (ItEnvironment.postgres()) {
            return DriverManager.getConnection(
                    ItEnvironment.pgUrl(), ItEnvironment.pgUser(), ItEnvironment.pgPassword());
        }
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("db/amicus"), "amicus", "amicus");
    }
}
