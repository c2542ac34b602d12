package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.amicus.messaging.envelope.OrganisationKeyFile;
import org.junit.jupiter.api.Test;

/**
 * Starts that cannot succeed: each ends with one line saying what is wrong and what to do, a non-zero
 * status, no process left behind, and the data directory as it was.
 */
class NodeBadStartIT {

    @Test
    void anHttpPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String line = failedStart(
                    NodeProcess.start(
                            NodeLauncherIT.freshDataDir("http-port"),
                            taken.getLocalPort(),
                            ItEnvironment.freePort(),
                            true),
                    3);
            assertTrue(line.contains("port " + taken.getLocalPort() + " is already in use (--http-port)"), line);
        }
    }

    @Test
    void aBrokerPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String line = failedStart(
                    NodeProcess.start(
                            NodeLauncherIT.freshDataDir("broker-port"),
                            ItEnvironment.freePort(),
                            taken.getLocalPort(),
                            true),
                    3);
            assertTrue(line.contains("port " + taken.getLocalPort() + " is already in use (--broker-port)"), line);
        }
    }

    @Test
    void aDataDirectoryThatIsAFile() throws Exception {
        Path file = NodeLauncherIT.freshDataDir("data-is-a-file");
        Files.writeString(file, "not a directory");

        String line = failedStart(NodeProcess.start(file), 3);

        assertTrue(line.contains("is a file, not a directory"), line);
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void aDataDirectoryThatCannotBeWritten() throws Exception {
        // even root cannot create a directory under /proc
        String line = failedStart(
                NodeProcess.start(
                        Path.of("/proc/amicus-it-" + ProcessHandle.current().pid())),
                3);

        assertTrue(line.contains("cannot create the data directory"), line);
    }

    @Test
    void anUnreachableDatabase() throws Exception {
        int closed = ItEnvironment.freePort();
        Path pw = Files.writeString(NodeLauncherIT.freshDataDir("db-unreachable-password"), "secret");
        String line = failedStart(
                NodeProcess.start(
                        NodeLauncherIT.freshDataDir("db-unreachable"),
                        ItEnvironment.freePort(),
                        ItEnvironment.freePort(),
                        false,
                        "--db-url",
                        "jdbc:postgresql://127.0.0.1:" + closed + "/amicus",
                        "--db-user",
                        "amicus",
                        "--db-password-file",
                        pw.toString()),
                3);

        assertTrue(line.contains("cannot reach PostgreSQL at 127.0.0.1:" + closed), line);
    }

    @Test
    void aWrongDatabasePassword() throws Exception {
        Path pw = Files.writeString(NodeLauncherIT.freshDataDir("db-password-file"), "not-the-password");
        String line = failedStart(
                NodeProcess.start(
                        NodeLauncherIT.freshDataDir("db-wrong-password"),
                        ItEnvironment.freePort(),
                        ItEnvironment.freePort(),
                        false,
                        "--db-url",
                        ItEnvironment.pgUrl(),
                        "--db-user",
                        ItEnvironment.pgUser(),
                        "--db-password-file",
                        pw.toString()),
                3);

        assertTrue(line.contains("refused user '" + ItEnvironment.pgUser() + "'"), line);
    }

    @Test
    void aDatabaseThatDoesNotExist() throws Exception {
        Path pw = Files.writeString(NodeLauncherIT.freshDataDir("db-password-file-2"), ItEnvironment.pgPassword());
        String url = ItEnvironment.pgUrl().replaceAll("/[^/]+$", "/amicus_no_such_database");
        String line = failedStart(
                NodeProcess.start(
                        NodeLauncherIT.freshDataDir("db-missing"),
                        ItEnvironment.freePort(),
                        ItEnvironment.freePort(),
                        false,
                        "--db-url",
                        url,
                        "--db-user",
                        ItEnvironment.pgUser(),
                        "--db-password-file",
                        pw.toString()),
                3);

        assertTrue(line.contains("has no database 'amicus_no_such_database'"), line);
    }

    @Test
    void aBrokerThatDoesNotComeUpLeavesTheDataDirectoryAsItWas() throws Exception {
        Path data = NodeLauncherIT.freshDataDir("broker-fails");
        Files.createDirectories(data.resolve("broker"));
        Files.createDirectories(data.resolve("db"));
        // the broker cannot create its journal where a file stands
        Files.writeString(data.resolve("broker/journal"), "in the way");
        Files.writeString(data.resolve("db/amicus.mv.db"), "precious records");
        Map<String, String> before = contents(data);
        int brokerPort = ItEnvironment.freePort();

        String line = failedStart(NodeProcess.start(data, ItEnvironment.freePort(), brokerPort, true), 4);

        assertTrue(line.contains("the broker did not start"), line);
        Map<String, String> after = contents(data);
        before.forEach((file, digest) -> assertEquals(digest, after.get(file), file + " was changed or removed"));
        try (ServerSocket s = new ServerSocket(brokerPort, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(s.isBound(), "no broker process was left behind");
        }
    }

    @Test
    void noPassphraseForTheOrganisationKey() throws Exception {
        Path data = NodeLauncherIT.freshDataDir("no-passphrase");
        String line = failedStart(NodeProcess.startWith(data, Map.of()), 2);

        assertTrue(line.contains("the organisation key needs a passphrase"), line);
        assertFalse(Files.exists(data.resolve("keys")), "no key was created");
    }

    @Test
    void aPassphraseOnTheCommandLineIsRefused() throws Exception {
        String line = failedStart(
                NodeProcess.start(NodeLauncherIT.freshDataDir("passphrase-argument"), "--passphrase", "visible-to-all"),
                2);

        assertTrue(line.contains("--passphrase is not accepted"), line);
    }

    @Test
    void aWrongPassphraseLeavesTheKeyFileUntouched() throws Exception {
        Path data = dataDirWithKey("wrong-passphrase");
        Map<String, String> before = contents(data);

        String line =
                failedStart(NodeProcess.startWith(data, Map.of("AMICUS_PASSPHRASE", "not the passphrase at all")), 3);

        assertTrue(line.contains("the passphrase does not unlock it (the key file is unchanged)"), line);
        assertEquals(before, contents(data));
    }

    @Test
    void anEmptyPassphraseFileLeavesTheKeyFileUntouched() throws Exception {
        Path data = dataDirWithKey("empty-passphrase");
        Map<String, String> before = contents(data);
        Path empty = NodeLauncherIT.freshDataDir("empty-passphrase-file");
        Files.createFile(empty, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        String line = failedStart(NodeProcess.startWith(data, Map.of(), "--passphrase-file", empty.toString()), 3);

        assertTrue(line.contains("the passphrase is empty"), line);
        assertEquals(before, contents(data));
    }

    @Test
    void aPassphraseFileOthersCanReadIsRefused() throws Exception {
        Path file = NodeLauncherIT.freshDataDir("readable-passphrase-file");
        Files.writeString(file, "a perfectly long passphrase\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        String line = failedStart(
                NodeProcess.startWith(
                        NodeLauncherIT.freshDataDir("readable-passphrase"),
                        Map.of(),
                        "--passphrase-file",
                        file.toString()),
                3);

        assertTrue(line.contains("is readable by other users: chmod 600"), line);
    }

    @Test
    void aShortPassphraseCreatesNoKey() throws Exception {
        Path data = NodeLauncherIT.freshDataDir("short-passphrase");
        String line = failedStart(NodeProcess.startWith(data, Map.of("AMICUS_PASSPHRASE", "short")), 3);

        assertTrue(line.contains("at least 12 characters"), line);
        assertFalse(Files.exists(data.resolve("keys/organisation.key")));
    }

    /** A data directory holding an organisation key made with the tests' passphrase. */
    private static Path dataDirWithKey(String name) throws Exception {
        Path data = NodeLauncherIT.freshDataDir(name);
        new OrganisationKeyFile(data.resolve("keys/organisation.key"))
                .create(
                        "Amicus node 0a0a0a0a-0000-4000-8000-00000000000a (Test)",
                        Instant.now(),
                        Duration.ofDays(7),
                        NodeProcess.PASSPHRASE.toCharArray());
        return data;
    }

    /** Waits for the launcher to fail and returns its one line of explanation. */
    private static String failedStart(NodeProcess node, int expectedStatus) throws Exception {
        int status = node.awaitExit(Duration.ofSeconds(120));
        String err = node.stderr();
        assertNotEquals(0, status);
        assertEquals(expectedStatus, status, err);
        assertEquals(1, err.lines().count(), "exactly one line: " + err);
        assertTrue(err.startsWith("amicus-node: error: "), err);
        assertFalse(err.contains("Exception") || node.stdout().contains("\tat "), err);
        return err.strip();
    }

    /** The files in a data directory (not logs, run-time files or the lock) with a digest of each. */
    private static Map<String, String> contents(Path data) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = data.relativize(p).toString();
                if (rel.startsWith("logs") || rel.startsWith("run") || rel.equals("node.lock")) {
                    continue;
                }
                files.put(rel, digest(p));
            }
        }
        return files;
    }

    private static String digest(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
