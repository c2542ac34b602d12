package org.amicus.deploy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * One node's data directory and its layout. Only this class decides where things live.
 *
 * <pre>
 * DATA/node.lock                  held while the node runs (one node per data directory); holds the
 *                                 launcher's process id, for service managers and for stopping it
 * DATA/secrets/broker.properties  the local broker credential (owner-only)
 * DATA/broker/                    Artemis journal, bindings, paging, large messages
 * DATA/db/                        the H2 database (when PostgreSQL is not configured)
 * DATA/txlog/                     the transaction log (XA recovery)
 * DATA/logs/                      broker.log, server.log and the processes' console output
 * DATA/run/                       what is recreated at every start: boot commands, runtime directory
 * DATA/cache/                     the server's class-data archive (rebuilt when missing)
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    private DataDirectory(Path root) {
        this.root = root;
    }

    /**
     * Checks that the directory can be used, creates it if needed and takes its lock. Creates nothing
     * else, so a start that fails later leaves the directory as it was (plus, at most, its lock file and
     * empty sub-directories).
     */
    public static DataDirectory open(Path root) throws LaunchException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root)) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "the data directory " + root + " is a file, not a directory; choose another --data");
        }
        try {
            if (!Files.exists(root)) {
                Files.createDirectories(root);
                restrict(root, OWNER_ONLY_DIR);
            }
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "cannot create the data directory " + root + " (" + reason(e)
                            + "); choose a --data directory this user can write");
        }
        Path probe = root.resolve(".write-test-" + ProcessHandle.current().pid());
        try {
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "the data directory " + root + " is not writable (" + reason(e)
                            + "); fix its permissions or choose another --data");
        }
        DataDirectory dir = new DataDirectory(root);
        dir.lock();
        return dir;
    }

    private void lock() throws LaunchException {
        try {
            lockChannel =
                    FileChannel.open(root.resolve("node.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
            if (lock != null) {
                lockChannel.truncate(0);
                lockChannel.write(
                        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
                lockChannel.force(false);
            }
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly();
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "another node is already running with the data directory " + root
                            + "; stop it first or choose another --data");
        }
    }

    /** Creates the sub-directories. Call after every check has passed. */
    public void createLayout() throws LaunchException {
        try {
            for (Path p : List.of(brokerDir(), dbDir(), transactionLogDir(), logsDir(), runDir())) {
                Files.createDirectories(p);
            }
            Files.createDirectories(secretsDir());
            restrict(secretsDir(), OWNER_ONLY_DIR);
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "cannot prepare the data directory " + root + ": " + reason(e));
        }
    }

    /** The local broker credential, created with a random password on the first start. */
    public Properties brokerCredential() throws LaunchException {
        Path file = brokerCredentialFile();
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Properties p = new Properties();
                p.setProperty("user", "amicus-node");
                p.setProperty(
                        "password", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                Path tmp = file.resolveSibling("broker.properties.tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    p.store(w, "Local broker credential of this node. Keep secret; delete to rotate.");
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            if (p.getProperty("user") == null || p.getProperty("password") == null) {
                throw new LaunchException(
                        LaunchException.PRECONDITION,
                        file + " is damaged (no user or password); delete it and start again to create a new one");
            }
            return p;
        } catch (FileAlreadyExistsException e) {
            return brokerCredential();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot read or create " + file + ": " + reason(e));
        }
    }

    /** Writes a file only the owner can read (boot commands carry credentials). */
    public static void writeOwnerOnly(Path file, List<String> lines) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public Path root() {
        return root;
    }

    public Path brokerDir() {
        return root.resolve("broker");
    }

    public Path dbDir() {
        return root.resolve("db");
    }

    public Path transactionLogDir() {
        return root.resolve("txlog");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path runDir() {
        return root.resolve("run");
    }

    public Path secretsDir() {
        return root.resolve("secrets");
    }

    public Path brokerCredentialFile() {
        return secretsDir().resolve("broker.properties");
    }

    public Path brokerReadyFile() {
        return runDir().resolve("broker.ready");
    }

    public Path serverRuntimeDir() {
        return runDir().resolve("payara");
    }

    public Path tempDir() {
        return runDir().resolve("tmp");
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (lock != null) {
                lockChannel.truncate(0); // no stale process id once the node has stopped
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the operator is told in the operator guide
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass()
                .getSimpleName()
                .replace("Exception", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return m == null ? kind : kind + ": " + m;
    }
}
