package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCommandsTest {

    @Test
    void asadminSpecialCharactersAreEscaped() throws LaunchException {
        assertEquals("a\\:b\\=c\\\\d", ServerCommands.escapeValue("a:b=c\\d"));
        assertEquals(
                "url=jdbc\\:h2\\:file\\:/x:user=u", ServerCommands.properties("url", "jdbc:h2:file:/x", "user", "u"));
    }

    @Test
    void valuesThatCannotBeCarriedAreRefused() {
        LaunchException e = assertThrows(LaunchException.class, () -> ServerCommands.escapeValue("pass word"));
        assertTrue(e.getMessage().contains("space"));
        assertThrows(LaunchException.class, () -> ServerCommands.escapeValue("quote\""));
    }

    @Test
    void theAdapterIsConfiguredBeforeItIsDeployedAndResourcesAfter() throws LaunchException {
        List<String> cmds = ServerCommands.postBoot(
                Path.of("/b/artemis-rar.rar"),
                Path.of("/b/amicus-recovery.war"),
                61700,
                "amicus-node",
                "pw",
                new DatabaseSettings.H2File(Path.of("/data/db/amicus")));

        assertTrue(cmds.get(0).startsWith("create-resource-adapter-config"));
        assertTrue(cmds.get(0).contains("ConnectionParameters=host\\=127.0.0.1;port\\=61700"));
        assertTrue(cmds.get(1).startsWith("deploy --name artemis-rar --type rar /b/artemis-rar.rar"));
        assertTrue(cmds.get(2).startsWith("create-connector-connection-pool"));
        assertTrue(cmds.get(3).endsWith("jms/amicus"));
        assertTrue(cmds.get(4).contains("org.h2.jdbcx.JdbcDataSource"));
        assertTrue(
                cmds.get(4).contains("url=jdbc\\:h2\\:file\\:/data/db/amicus;WRITE_DELAY\\=0:"),
                "every commit is in the file before it returns: " + cmds.get(4));
        assertTrue(
                cmds.get(4).contains("--isconnectvalidatereq true")
                        && cmds.get(4).contains("--validateatmostonceperiod 10 "),
                "a connection is checked before it is lent, but not at every lease: " + cmds.get(4));
        assertTrue(cmds.get(5).endsWith("jdbc/amicus"));
        assertEquals("recover-transactions server", cmds.get(6), "in-doubt transactions recovered once both exist");
        assertEquals(
                "deploy --name amicus-recovery --contextroot /amicus-recovery /b/amicus-recovery.war",
                cmds.get(7),
                "then what is still in doubt is rolled back");
        assertEquals("undeploy amicus-recovery", cmds.get(8));
        assertEquals(9, cmds.size(), "the application is deployed after all of them");
    }

    @Test
    void postgresqlUsesTheXaDataSource() throws LaunchException {
        var pg = DatabaseSettings.PostgreSql.of("jdbc:postgresql://127.0.0.1:5432/amicus", "amicus", "p:w");

        String pool = ServerCommands.postBoot(Path.of("/b/r.rar"), Path.of("/b/s.war"), 1, "u", "p", pg)
                .get(4);

        assertTrue(pool.contains("org.postgresql.xa.PGXADataSource"));
        assertTrue(pool.contains("databaseName=amicus"));
        assertTrue(pool.contains("password=p\\:w"));
        assertTrue(pool.contains("--validateatmostonceperiod 10 "), "checked as on H2: " + pool);
    }

    @Test
    void theTransactionLogOutlivesTheRuntimeDirectory() throws LaunchException {
        List<String> cmds = ServerCommands.preBoot(Path.of("/data/txlog"), "127.0.0.1");

        assertTrue(cmds.get(0).endsWith("tx-log-dir=/data/txlog"));
        assertTrue(cmds.get(1).endsWith("automatic-recovery=true"));
        assertTrue(cmds.get(2).endsWith("http-listener.address=127.0.0.1"));
        assertTrue(cmds.get(3).endsWith("http-listener.http.http2-enabled=false"), "HTTP/1.1 only: " + cmds);
    }
}
