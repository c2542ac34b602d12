package org.amicus.messaging.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.submission.control.ChunkTooLargeException;
import org.amicus.core.submission.control.EvidenceAlteredException;
import org.amicus.core.submission.control.EvidenceStore;
import org.amicus.core.submission.control.Spool;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.messaging.envelope.Credentials;
import org.amicus.messaging.envelope.EvidenceSegments;
import org.amicus.messaging.identity.IdentitySettings;

/**
 * Evidence files in {@code DATA/evidence} (owner-only), beside the organisation key's directory: each file
 * {@code <id>.evidence} in segments ({@link EvidenceSegments}) under its own key, which the database keeps sealed
 * under the content key. A chunk is encrypted to a spool file in the same directory and appended only when its
 * upload commits; the running SHA-256 of each file being uploaded stays in memory and is recomputed from the
 * file after a restart.
 */
@ApplicationScoped
public class NodeEvidenceStore implements EvidenceStore {

    private static final Logger LOG = Logger.getLogger(NodeEvidenceStore.class.getName());

    @Inject
    IdentitySettings settings;

    @Inject
    ContentVault vault;

    /** The SHA-256 so far of files being uploaded, at the plaintext length it covers. */
    private final Map<UUID, Hashed> digests = new ConcurrentHashMap<>();

    private volatile Path directory;

    private record Hashed(long length, MessageDigest digest) {}

    /** For CDI. */
    public NodeEvidenceStore() {}

    /** Files in {@code directory}, keys sealed by {@code vault}. */
    NodeEvidenceStore(Path directory, ContentVault vault) {
        this.directory = directory;
        this.vault = vault;
    }

    private record SpoolFile(Path path, UUID file, long plainLength, MessageDigest digest) {}

    @Override
    public byte[] newKey() {
        return vault.seal(Credentials.randomSecret(32));
    }

    @Override
    public Spool spool(StoredFile file, InputStream chunk, long maxBytes) throws IOException {
        Path spool = Files.createTempFile(directory(), file.id() + "-", ".spool");
        boolean kept = false;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
            Written w = write(file, chunk, maxBytes, out);
            kept = true;
            return new Spool(
                    new SpoolFile(spool, file.id(), file.plainLength() + w.plain(), w.digest()),
                    w.plain(),
                    w.segments(),
                    w.stored());
        } finally {
            if (!kept) {
                Files.deleteIfExists(spool);
            }
        }
    }

    @Override
    public StoredFile append(StoredFile file, InputStream plaintext, long maxBytes) throws IOException {
        boolean fresh = file.segments() == 0 && file.storedLength() == 0;
        Path target = path(file.id());
        boolean kept = false;
        try (FileChannel channel = fresh
                ? FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                : FileChannel.open(target, StandardOpenOption.WRITE)) {
            if (channel.size() < file.storedLength()) {
                throw new EvidenceAlteredException(target + " is shorter than its committed length: it was cut");
            }
            channel.truncate(file.storedLength()); // what a write that was never recorded left behind
            channel.position(file.storedLength());
            OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
            Written w = write(file, plaintext, maxBytes, out);
            out.flush();
            channel.force(true);
            digests.put(file.id(), new Hashed(file.plainLength() + w.plain(), w.digest()));
            kept = true;
            return new StoredFile(
                    file.id(),
                    file.sealedKey(),
                    file.storedLength() + w.stored(),
                    file.segments() + w.segments(),
                    file.plainLength() + w.plain());
        } catch (NoSuchFileException e) {
            throw new EvidenceAlteredException("the evidence file is missing");
        } finally {
            if (!kept) {
                if (fresh) {
                    Files.deleteIfExists(target);
                } else if (Files.exists(target)) {
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        channel.truncate(file.storedLength());
                    }
                }
            }
        }
    }

    private record Written(long plain, long segments, long stored, MessageDigest digest) {}

    /** Encrypts {@code in} to its end as the next segments of {@code file} into {@code out}, hashing it on. */
    private Written write(StoredFile file, InputStream in, long maxBytes, OutputStream out) throws IOException {
        EvidenceSegments segments = segments(file);
        MessageDigest digest = clone(digestAt(file));
        long plain = 0;
        long count = 0;
        long stored = 0;
        byte[] buffer = new byte[EvidenceSegments.SEGMENT];
        while (true) {
            int n = in.readNBytes(buffer, 0, buffer.length);
            if (n == 0) {
                break;
            }
            if (plain + n > maxBytes) {
                throw new ChunkTooLargeException("more than " + maxBytes + " bytes");
            }
            digest.update(buffer, 0, n);
            stored += segments.write(file.segments() + count, buffer, n, out);
            plain += n;
            count++;
            if (n < buffer.length) {
                break; // readNBytes reads a whole segment unless the stream ended
            }
        }
        return new Written(plain, count, stored, digest);
    }

    @Override
    public StoredFile commit(StoredFile file, Spool spool) throws IOException {
        SpoolFile s = (SpoolFile) spool.token();
        if (!s.file().equals(file.id()) || s.plainLength() != file.plainLength() + spool.plainBytes()) {
            throw new IllegalArgumentException("a spool of another file or another offset");
        }
        Path target = path(file.id());
        try (FileChannel out = FileChannel.open(
                        target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                FileChannel in = FileChannel.open(s.path(), StandardOpenOption.READ)) {
            if (out.size() > file.storedLength()) {
                out.truncate(file.storedLength()); // what a failed commit left behind
            } else if (out.size() < file.storedLength()) {
                throw new IOException(target + " is shorter than its committed length: it was cut");
            }
            long copied = 0;
            long size = in.size();
            while (copied < size) {
                copied += in.transferTo(copied, size - copied, out.position(file.storedLength() + copied));
            }
            out.force(true);
        }
        Files.deleteIfExists(s.path());
        digests.put(file.id(), new Hashed(s.plainLength(), s.digest()));
        return new StoredFile(
                file.id(),
                file.sealedKey(),
                file.storedLength() + spool.storedBytes(),
                file.segments() + spool.segments(),
                file.plainLength() + spool.plainBytes());
    }

    @Override
    public void discard(Spool spool) {
        try {
            Files.deleteIfExists(((SpoolFile) spool.token()).path());
        } catch (IOException e) {
            LOG.warning("AMICUS-SUBMISSION-010 cannot remove a spool file: " + e.getMessage());
        }
    }

    @Override
    public String sha256(StoredFile file) throws IOException {
        return HexFormat.of().formatHex(clone(digestAt(file)).digest());
    }

    @Override
    public String rehash(StoredFile file) throws IOException {
        return HexFormat.of().formatHex(hash(file, false).digest());
    }

    @Override
    public InputStream open(StoredFile file) throws IOException {
        return read(file, false);
    }

    @Override
    public InputStream open(StoredFile file, long from, long length) throws IOException {
        if (from < 0 || length < 0 || from + length > file.plainLength()) {
            throw new IllegalArgumentException("bytes " + from + " to " + (from + length) + " are not in the file");
        }
        if (from == 0 && length == file.plainLength()) {
            return open(file);
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        Path p = path(file.id());
        FileChannel channel;
        try {
            channel = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new EvidenceAlteredException("the evidence file is missing");
        }
        boolean handed = false;
        try {
            long size = channel.size();
            if (size != file.storedLength()) {
                throw new EvidenceAlteredException("the evidence file has " + size + " bytes, not the "
                        + file.storedLength() + " committed: it was altered");
            }
            EvidenceSegments.Position at;
            try {
                at = EvidenceSegments.locate(channel, file.segments(), file.storedLength(), from);
            } catch (EvidenceSegments.Damaged e) {
                throw new EvidenceAlteredException(e.getMessage(), e);
            }
            channel.position(at.offset());
            InputStream stored = new BufferedInputStream(
                    new Limited(java.nio.channels.Channels.newInputStream(channel), file.storedLength() - at.offset()),
                    1 << 16);
            InputStream plain = checked(segments(file).open(stored, at.index(), file.segments()));
            try {
                plain.skipNBytes(from - at.plainBefore());
            } catch (EvidenceSegments.Damaged e) {
                throw new EvidenceAlteredException(e.getMessage(), e);
            }
            handed = true;
            return from + length == file.plainLength() ? plain : new Limited(plain, length);
        } finally {
            if (!handed) {
                channel.close();
            }
        }
    }

    /** At most {@code left} bytes of a stream. */
    private static final class Limited extends java.io.FilterInputStream {
        private long left;

        Limited(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }

    /** A segment that fails its check reads as an altered evidence file. */
    private static InputStream checked(InputStream plain) {
        return new java.io.FilterInputStream(plain) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (EvidenceSegments.Damaged e) {
                    throw new EvidenceAlteredException(e.getMessage(), e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (EvidenceSegments.Damaged e) {
                    throw new EvidenceAlteredException(e.getMessage(), e);
                }
            }
        };
    }

    /**
     * The file's plaintext. Strictly, the file must hold exactly its committed bytes; otherwise (carrying a hash
     * on while an upload goes on) bytes a failed commit left beyond them are ignored: the next commit cuts them.
     */
    private InputStream read(StoredFile file, boolean uncommittedTailAllowed) throws IOException {
        if (file.segments() == 0) {
            return InputStream.nullInputStream();
        }
        Path p = path(file.id());
        long size;
        try {
            size = Files.size(p);
        } catch (NoSuchFileException e) {
            throw new EvidenceAlteredException("the evidence file is missing");
        }
        if (size < file.storedLength() || (size > file.storedLength() && !uncommittedTailAllowed)) {
            throw new EvidenceAlteredException("the evidence file has " + size + " bytes, not the "
                    + file.storedLength()
                    + " committed: it was altered");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        InputStream committed = new Limited(in, file.storedLength());
        return checked(segments(file).open(committed, file.segments()));
    }

    @Override
    public void delete(UUID file) {
        digests.remove(file);
        try {
            Files.deleteIfExists(path(file));
            try (var spools = Files.newDirectoryStream(directory(), file + "-*.spool")) {
                for (Path s : spools) {
                    Files.deleteIfExists(s);
                }
            }
        } catch (IOException e) {
            LOG.warning("AMICUS-SUBMISSION-011 cannot remove the evidence file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Where files from peers wait as they arrived (OpenPGP ciphertext) until the envelope naming them is there:
     * {@code DATA/evidence/incoming}, owner-only.
     */
    public Path incomingDirectory() {
        return ownerOnly(directory().resolve("incoming"));
    }

    /**
     * Where files this node forwards for others as a relay pass through (ciphertext it cannot read), each only while
     * it is being queued for its next hop: {@code DATA/evidence/relay}, owner-only.
     */
    public Path relayDirectory() {
        return ownerOnly(directory().resolve("relay"));
    }

    private static Path ownerOnly(Path d) {
        try {
            if (!Files.isDirectory(d)) {
                Files.createDirectories(
                        d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("AMICUS-SUBMISSION-014 cannot create " + d, e);
        }
        return d;
    }

    private MessageDigest digestAt(StoredFile file) throws IOException {
        Hashed h = digests.get(file.id());
        if (h != null && h.length() == file.plainLength()) {
            return h.digest();
        }
        MessageDigest d = hash(file, true); // after a restart, or a commit whose transaction failed
        digests.put(file.id(), new Hashed(file.plainLength(), d));
        return d;
    }

    private MessageDigest hash(StoredFile file, boolean uncommittedTailAllowed) throws IOException {
        MessageDigest d = sha256();
        try (InputStream in = read(file, uncommittedTailAllowed)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                d.update(buffer, 0, n);
            }
        }
        return d;
    }

    private EvidenceSegments segments(StoredFile file) {
        return new EvidenceSegments(vault.unseal(file.sealedKey()), file.id());
    }

    private Path path(UUID file) {
        return directory().resolve(file + ".evidence");
    }

    private Path directory() {
        Path d = directory;
        if (d == null) {
            Path key = settings.keyFile()
                    .orElseThrow(() -> new IllegalStateException(
                            "AMICUS-SUBMISSION-012 no data directory configured (amicus.identity.key-file)"));
            d = key.toAbsolutePath().getParent().resolveSibling("evidence");
            try {
                if (!Files.isDirectory(d)) {
                    Files.createDirectories(
                            d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("AMICUS-SUBMISSION-013 cannot create " + d, e);
            }
            directory = d;
        }
        return d;
    }

    private static MessageDigest clone(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
