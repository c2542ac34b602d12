package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's people commands refuse plainly what they cannot do, before touching the node. */
class PeopleCommandTest {

    @TempDir
    Path data;

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PeopleCommand.run(
                args,
                Map.of(),
                null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutACommandItShowsHowToUseIt() {
        Result r = run();
        assertEquals(LaunchException.USAGE, r.exit());
        assertTrue(r.err().contains("people add USERNAME") || r.err().contains("add USERNAME"), r.err());
    }

    @Test
    void addNeedsANameAndRoles() {
        Result r = run("add", "amina", "--data", data.toString());
        assertEquals(LaunchException.USAGE, r.exit());
        assertTrue(r.err().contains("--name NAME --roles ROLES"), r.err());
    }

    @Test
    void withoutATerminalOrPasswordFileNothingIsSent() throws Exception {
        Files.createDirectories(data.resolve("secrets"));
        Files.writeString(data.resolve("secrets/operator.token"), "t\n");
        Result r = run("add", "amina", "--name", "Amina", "--roles", "administrator", "--data", data.toString());
        assertEquals(LaunchException.USAGE, r.exit());
        assertTrue(r.err().contains("--password-file"), r.err());
    }

    @Test
    void withoutTheNodesOperatorTokenItSaysWhy() {
        Result r = run("list", "--data", data.toString(), "--api", "http://127.0.0.1:9");
        assertEquals(LaunchException.PRECONDITION, r.exit());
        assertTrue(r.err().contains("no operator token at " + data.resolve("secrets/operator.token")), r.err());
    }

    @Test
    void aStoppedNodeIsNamedAsSuch() throws Exception {
        Files.createDirectories(data.resolve("secrets"));
        Files.writeString(data.resolve("secrets/operator.token"), "t\n");
        Result r = run("list", "--data", data.toString(), "--api", "http://127.0.0.1:9");
        assertEquals(LaunchException.PRECONDITION, r.exit());
        assertTrue(r.err().contains("no node answers at http://127.0.0.1:9"), r.err());
    }
}
