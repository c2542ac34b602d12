package org.amicus.core.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the real migrations against a real (in-memory) H2 database, as the node does at start. */
class SchemaMigrationTest {

    private JdbcDataSource db;

    @BeforeEach
    void freshDatabase() {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aNewDatabaseGetsTheWholeSchema() throws SQLException {
        assertEquals("21", SchemaMigration.migrate(db));

        assertEquals(0, count("ping_record"));
        assertEquals(0, count("node_identity"));
        assertEquals(0, count("peer_key"));
        assertEquals(0, count("seen_envelope"));
        for (String federation :
                new String[] {"peer", "outgoing_envelope", "received_envelope", "refused_envelope", "imported_bundle"
                }) {
            assertEquals(0, count(federation));
        }
        execute("SELECT certificate_sent FROM peer"); // V6: what each peer was last sent of our certificate
        assertEquals(0, count("audit_entry")); // V7: the audit log
        assertEquals(0, count("audit_checkpoint"));
        execute("SELECT NEXT VALUE FOR audit_entry_id_seq");
        execute("SELECT wire, sent_at, resends FROM outgoing_envelope"); // V8: resending until the receipt
        assertEquals(0, count("person")); // V9: people and their sessions
        assertEquals(0, count("person_session"));
    }

    @Test
    void migratingAgainKeepsTheData() throws SQLException {
        SchemaMigration.migrate(db);
        execute("INSERT INTO node_identity (id, created_at) VALUES ('n1', CURRENT_TIMESTAMP)");

        assertEquals("21", SchemaMigration.migrate(db));

        assertEquals(1, count("node_identity"));
    }

    @Test
    void aDatabaseWithAnAppliedMigrationChangedIsRefused() throws SQLException {
        SchemaMigration.migrate(db);
        execute("UPDATE \"amicus_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'");

        assertThrows(FlywayException.class, () -> SchemaMigration.migrate(db));
    }

    @Test
    void pingStatusIsConstrained() throws SQLException {
        SchemaMigration.migrate(db);

        assertThrows(
                SQLException.class,
                () -> execute("INSERT INTO ping_record (id, sent_at, status) VALUES ('p', CURRENT_TIMESTAMP, 'LOST')"));
    }

    @Test
    void trustStatesAndEnvelopeIdsAreConstrained() throws SQLException {
        SchemaMigration.migrate(db);

        assertThrows(
                SQLException.class,
                () -> execute("INSERT INTO peer_key (fingerprint, display_name, certificate, state, first_seen,"
                        + " updated_at) VALUES ('F', 'x', 'c', 'TRUSTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
        execute(
                "INSERT INTO seen_envelope (id, opened_at, expires_at) VALUES ('e', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        assertThrows(
                SQLException.class,
                () -> execute("INSERT INTO seen_envelope (id, opened_at, expires_at)"
                        + " VALUES ('e', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                "an envelope id is recorded once");
    }

    @Test
    void theAuditChainsHeadIsFoundByTheIndexNotByReadingTheLog() throws SQLException {
        SchemaMigration.migrate(db);
        execute("INSERT INTO audit_entry (id, recorded_at, actor, action, outcome, seq, prev_hash, hash)"
                + " SELECT X, CURRENT_TIMESTAMP, 'node', 'envelope.accepted', 'ok',"
                + " CASE WHEN X <= 4000 THEN X END, 'p', 'h' FROM SYSTEM_RANGE(1, 5000)");
        execute("INSERT INTO audit_checkpoint (seq, hash, created_at, signer, signature)"
                + " SELECT X * 1000, 'h', CURRENT_TIMESTAMP, 's', X'00' FROM SYSTEM_RANGE(1, 4)");

        // AuditLog's queries in the shape EclipseLink sends them (the head, the last checkpoint, what waits); the
        // earlier head, "WHERE SEQ IS NOT NULL ORDER BY SEQ DESC LIMIT 1", read all 5,001 rows here
        for (String query : new String[] {
            "SELECT ID, SEQ, HASH FROM AUDIT_ENTRY WHERE (SEQ = (SELECT MAX(t1.SEQ) FROM AUDIT_ENTRY t1))",
            "SELECT SEQ, HASH FROM AUDIT_CHECKPOINT WHERE (SEQ = (SELECT MAX(t1.SEQ) FROM AUDIT_CHECKPOINT t1))",
            "SELECT ID, SEQ FROM AUDIT_ENTRY WHERE SEQ IS NULL ORDER BY ID LIMIT 1000"
        }) {
            String plan = explainAnalyze(query);
            int rowsRead = java.util.regex.Pattern.compile("scanCount: (\\d+)")
                    .matcher(plan)
                    .results()
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .sum();
            assertTrue(rowsRead <= 1_002, "reads what it returns, not the log (" + rowsRead + "): " + plan);
        }
    }

    private int count(String table) throws SQLException {
        return Integer.parseInt(firstValue("SELECT COUNT(*) FROM " + table));
    }

    private String explainAnalyze(String query) throws SQLException {
        return firstValue("EXPLAIN ANALYZE " + query);
    }

    private String firstValue(String query) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
