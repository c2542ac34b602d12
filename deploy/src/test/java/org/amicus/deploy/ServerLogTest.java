package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the launcher reads Payara Micro's log to tell a start that failed from one still under way. */
class ServerLogTest {

    private static final String ESC = "\u001B";

    private static String header(String level, String logger) {
        return "[2026-11-24T16:00:07.414+0000] [] [" + ESC + "[1;91m" + level + ESC + "[0m] [] [" + ESC + "[1;94m"
                + logger + ESC + "[0m] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1795536007414]"
                + " [levelValue: 1000] ";
    }

    @Test
    void aSevereLineFromTheApplicationWhileItStartsIsNoFailedDeployment() {
        List<String> lines = List.of(
                header("SEVERE", "org.amicus.federation.Deliveries") + "[[",
                "  AMICUS-FEDERATION-020 a delivery failed and will be retried]]");
        assertEquals(Optional.empty(), NodeLauncher.deploymentFailure(lines));
        assertEquals(
                Optional.of("AMICUS-FEDERATION-020 a delivery failed and will be retried]]"),
                NodeLauncher.firstFailure(lines),
                "a message on its own line (ODL) is read from that line");
    }

    @Test
    void aFailedDeploymentIsToldByTheApplicationsOwnWordsFirst() {
        List<String> lines = List.of(
                header("INFO", "PayaraMicro") + "Payara Micro Runtime directory is located at /tmp/x",
                header("SEVERE", "org.amicus.messaging.identity.NodeKey")
                        + "AMICUS-IDENTITY-007 the organisation key cannot be unlocked: bad passphrase",
                header("SEVERE", "javax.enterprise.system.core") + "Exception while loading the app : EJB failed");
        assertEquals(
                Optional.of("AMICUS-IDENTITY-007 the organisation key cannot be unlocked: bad passphrase"),
                NodeLauncher.deploymentFailure(lines));
    }

    @Test
    void aFailedDeploymentWithoutAnApplicationErrorIsToldByPayarasWords() {
        List<String> lines =
                List.of(header("SEVERE", "javax.enterprise.system.core") + "Exception while loading the app : boom");
        assertEquals(Optional.of("Exception while loading the app : boom"), NodeLauncher.deploymentFailure(lines));
    }

    @Test
    void onlyTheLinesOfThisStartAreRead(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log.0");
        String before = header("SEVERE", "org.amicus.x") + "from the run before the power cut\n";
        Files.writeString(log, before, StandardCharsets.UTF_8);
        long start = Files.size(log);
        Files.writeString(
                log,
                header("INFO", "PayaraMicro") + "this start\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        List<String> lines = NodeLauncher.linesFrom(log, start);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("this start"), lines.toString());
        assertEquals(Optional.empty(), NodeLauncher.firstFailure(lines));
    }

    @Test
    void aLogShorterThanWhereThisStartBeganWasRotatedAndIsReadWhole(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log.0");
        Files.writeString(log, "a\nb\n", StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b"), NodeLauncher.linesFrom(log, 10_000));
        assertEquals(List.of(), NodeLauncher.linesFrom(dir.resolve("missing"), 0));
    }
}
