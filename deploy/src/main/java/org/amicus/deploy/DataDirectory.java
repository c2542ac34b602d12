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
import org.amicus.messaging.envelope.TlsIdentity;

/**
 * One node's data directory and its layout. Only this class decides where things live.
 *
 * <pre>
 * DATA/node.lock                  held while the node runs (one node per data directory); holds the
 *                                 launcher's process id, for service managers and for stopping it
 * DATA/secrets/broker.properties  the local broker credential (owner-only)
 * DATA/secrets/tls.p12, tls.properties
 *                                 the node's TLS key for federation and its store password (owner-only)
 * DATA/secrets/operator.token     written by the node at each start, for the amicus-node commands (owner-only)
 * DATA/federation/                public federation state: the TLS certificate, the peers the server
 *                                 admitted (for the broker), the link states (from the broker)
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
            for (Path p : List.of(brokerDir(), dbDir(), transactionLogDir(), logsDir(), runDir(), federationDir())) {
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

    /**
     * The node's TLS identity for federation, created at the first start: an ECDSA P-256 key and a
     * self-signed certificate in {@code secrets/tls.p12} under a random password kept in
     * {@code secrets/tls.properties}; the certificate is also written, public, to
     * {@code federation/tls-certificate.pem} for the server's peering card.
     */
    public TlsIdentity tlsIdentity() throws LaunchException {
        Path credentials = tlsCredentialFile();
        try {
            if (!Files.exists(credentials)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Properties p = new Properties();
                p.setProperty(
                        "password", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                Path tmp = credentials.resolveSibling("tls.properties.tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    p.store(w, "Password of tls.p12, this node's TLS key store. Keep secret.");
                }
                Files.deleteIfExists(tlsKeyStore()); // a store without its password is of no use
                Files.move(tmp, credentials, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(credentials, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String password = p.getProperty("password");
            if (password == null || password.isBlank()) {
                throw new LaunchException(
                        LaunchException.PRECONDITION,
                        credentials + " is damaged (no password); restore it from a backup, or delete it and"
                                + " tls.p12 to create a new TLS key (peers then need this node's new peering card)");
            }
            TlsIdentity tls = Files.exists(tlsKeyStore())
                    ? TlsIdentity.load(tlsKeyStore(), password.toCharArray())
                    : TlsIdentity.create(
                            tlsKeyStore(), password.toCharArray(), "Amicus node TLS", java.time.Instant.now());
            Path pem = tlsCertificate();
            if (!Files.exists(pem)
                    || !Files.readString(pem, StandardCharsets.US_ASCII).equals(tls.pem())) {
                Path tmp = pem.resolveSibling("tls-certificate.pem.tmp");
                Files.writeString(tmp, tls.pem(), StandardCharsets.US_ASCII);
                Files.move(
                        tmp,
                        pem,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return tls;
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "cannot read or create the TLS key " + tlsKeyStore() + ": " + reason(e));
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

    /** Public federation state shared by the server and the broker: peers, link states, the TLS certificate. */
    public Path federationDir() {
        return root.resolve("federation");
    }

    public Path tlsKeyStore() {
        return secretsDir().resolve("tls.p12");
    }

    public Path tlsCredentialFile() {
        return secretsDir().resolve("tls.properties");
    }

    public Path tlsCertificate() {
        return federationDir().resolve("tls-certificate.pem");
    }

    public Path peersFile() {
        return federationDir().resolve("peers.properties");
    }

    public Path linksFile() {
        return federationDir().resolve("links.properties");
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
