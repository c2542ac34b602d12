package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PreflightTest {

    @Test
    void aPortInUseIsNamedWithTheOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            LaunchException e =
                    assertThrows(LaunchException.class, () -> Preflight.portFree(taken.getLocalPort(), "--http-port"));

            assertEquals(
                    "port " + taken.getLocalPort() + " is already in use (--http-port); stop the program using it or "
                            + "choose another port with --http-port",
                    e.getMessage());
        }
    }

    @Test
    void aPortTakenOnlyOnLoopbackCountsToo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThrows(LaunchException.class, () -> Preflight.portFree(taken.getLocalPort(), "--broker-port"));
        }
    }

    @Test
    void anUnreachablePostgresqlIsReportedInOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var pg = DatabaseSettings.PostgreSql.of("jdbc:postgresql://127.0.0.1:" + closed + "/amicus", "u", "p");

        LaunchException e = assertThrows(LaunchException.class, () -> Preflight.database(pg));

        assertTrue(e.getMessage().startsWith("cannot reach PostgreSQL at 127.0.0.1:" + closed), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }

    @Test
    void postgresqlErrorsAreTranslated() throws Exception {
        var pg = DatabaseSettings.PostgreSql.of("jdbc:postgresql://db:5432/amicus", "amicus", "p");

        assertTrue(Preflight.explain(pg, new SQLException("x", "28P01")).contains("refused user 'amicus'"));
        assertTrue(Preflight.explain(pg, new SQLException("x", "3D000")).contains("has no database 'amicus'"));
    }
}
