package org.amicus.messaging.envelope;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.platform.control.CanonicalJson;

/**
 * The offline bundle file (docs/protocol/federation.md §7): the envelopes one node has waiting for
 * another, carried on a USB stick. Layout, all lengths big-endian unsigned 32-bit:
 *
 * <pre>
 * "AMCB" | version (1 byte: 1 without files, 2 with) | manifest length | manifest (canonical JSON)
 *        | signature length | detached OpenPGP signature of the manifest by the sender organisation
 *        | for each envelope of the manifest, in its order: length | envelope bytes
 *        | for each part of a file of the manifest (version 2), in its order: length | the part's ciphertext
 * </pre>
 *
 * The manifest names the bundle, its sender and destination nodes, the signing organisation, each
 * envelope's id, size and SHA-256 and (version 2) each part of a file beside an envelope with its routing, size and
 * SHA-256; nothing may follow the last entry. Reading verifies everything
 * (signature, every size and hash, nothing missing or extra) before anything is handed out, so a
 * truncated or tampered file delivers nothing. The envelopes themselves are sealed as ever: a bundle
 * adds authenticity of the whole, not confidentiality (which the envelopes already have).
 */
public final class BundleFile {

    static final byte[] MAGIC = "AMCB".getBytes(StandardCharsets.US_ASCII);
    /** A bundle of envelopes only; nodes from before files travelled in bundles read it. */
    public static final int VERSION = 1;
    /** A bundle that also carries parts of files (federation.md §7). */
    public static final int VERSION_WITH_FILES = 2;

    public static final int MAX_ENVELOPES = 100_000;
    static final int MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
    static final int MAX_SIGNATURE_BYTES = 16 * 1024;
    static final int MAX_ENVELOPE_BYTES = 64 * 1024 * 1024;
    /** A part of a file: 64 MiB of plaintext (federation.md §3.8) and its OpenPGP framing. */
    public static final int MAX_PART_BYTES = 65 * 1024 * 1024;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private BundleFile() {}

    /** One envelope as the manifest lists it. */
    public record Entry(UUID id, int size, String sha256) {
        public Entry {
            Objects.requireNonNull(id, "id");
            if (size <= 0 || size > MAX_ENVELOPE_BYTES || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("invalid manifest entry");
            }
        }
    }

    /**
     * A part of a file as the manifest lists it: its name ({@code <envelope>/<file>[/<part>]}), the node that sent it and
     * the node it is for, its expiry (if any), its message group sequence (0 for a file of one part), size and SHA-256.
     */
    public record PartEntry(
            String name, String from, String to, Optional<Instant> expires, int group, int size, String sha256) {
        public PartEntry {
            if (name == null || !new org.amicus.core.federation.control.BundleAnchor(name).isPart()) {
                throw new IllegalArgumentException("invalid part name");
            }
            if (!UUID.fromString(from).toString().equals(from)
                    || !UUID.fromString(to).toString().equals(to)) {
                throw new IllegalArgumentException("node ids are canonical UUIDs");
            }
            expires = expires.map(t -> t.truncatedTo(ChronoUnit.MILLIS));
            if (size <= 0 || size > MAX_PART_BYTES || !sha256.matches("[0-9a-f]{64}") || group < -1) {
                throw new IllegalArgumentException("invalid manifest entry");
            }
        }

        void appendTo(StringBuilder sb) {
            sb.append('{');
            expires.ifPresent(
                    t -> sb.append("\"expires\":\"").append(TIME.format(t)).append("\","));
            sb.append("\"from\":");
            CanonicalJson.appendString(sb, from);
            sb.append(",\"group\":").append(group).append(",\"name\":");
            CanonicalJson.appendString(sb, name);
            sb.append(",\"sha256\":\"")
                    .append(sha256)
                    .append("\",\"size\":")
                    .append(size)
                    .append(",\"to\":");
            CanonicalJson.appendString(sb, to);
            sb.append('}');
        }
    }

    /** The signed part of a bundle. */
    public record Manifest(
            UUID id,
            String fromNode,
            String toNode,
            Fingerprint signer,
            Instant created,
            List<Entry> envelopes,
            List<PartEntry> files) {

        /** A manifest of envelopes only. */
        public Manifest(
                UUID id, String fromNode, String toNode, Fingerprint signer, Instant created, List<Entry> envelopes) {
            this(id, fromNode, toNode, signer, created, envelopes, List.of());
        }

        public Manifest {
            Objects.requireNonNull(id, "id");
            UUID.fromString(fromNode); // node ids are UUIDs
            UUID.fromString(toNode);
            Objects.requireNonNull(signer, "signer");
            created = created.truncatedTo(ChronoUnit.MILLIS);
            envelopes = List.copyOf(envelopes);
            files = List.copyOf(files);
            if (envelopes.size() + files.size() > MAX_ENVELOPES) {
                throw new IllegalArgumentException("a bundle holds at most " + MAX_ENVELOPES + " entries");
            }
        }

        /** The format version this manifest is written in: 1 without files, 2 with. */
        public int version() {
            return files.isEmpty() ? VERSION : VERSION_WITH_FILES;
        }

        public byte[] canonicalBytes() {
            StringBuilder sb = new StringBuilder(256 + 130 * envelopes.size());
            sb.append("{\"created\":\"").append(TIME.format(created)).append("\",\"envelopes\":[");
            for (int i = 0; i < envelopes.size(); i++) {
                Entry e = envelopes.get(i);
                sb.append(i == 0 ? "" : ",")
                        .append("{\"id\":\"")
                        .append(e.id())
                        .append("\",\"sha256\":\"")
                        .append(e.sha256())
                        .append("\",\"size\":")
                        .append(e.size())
                        .append('}');
            }
            sb.append(']');
            if (!files.isEmpty()) {
                sb.append(",\"files\":[");
                for (int i = 0; i < files.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    files.get(i).appendTo(sb);
                }
                sb.append(']');
            }
            sb.append(",\"fromNode\":");
            CanonicalJson.appendString(sb, fromNode);
            sb.append(",\"id\":\"")
                    .append(id)
                    .append("\",\"signer\":\"")
                    .append(signer.hex())
                    .append("\",\"toNode\":");
            CanonicalJson.appendString(sb, toNode);
            sb.append(",\"v\":").append(version()).append('}');
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        static Manifest parse(byte[] bytes) throws BundleFileException {
            Manifest manifest;
            try {
                JsonObject o = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))
                        .readObject();
                if (o.getInt("v") != VERSION && o.getInt("v") != VERSION_WITH_FILES) {
                    throw new BundleFileException(
                            BundleFileException.Kind.UNSUPPORTED_VERSION, "manifest version " + o.get("v"));
                }
                List<Entry> entries = new ArrayList<>();
                for (JsonValue v : o.getJsonArray("envelopes")) {
                    JsonObject e = v.asJsonObject();
                    entries.add(new Entry(UUID.fromString(e.getString("id")), e.getInt("size"), e.getString("sha256")));
                }
                List<PartEntry> files = new ArrayList<>();
                if (o.containsKey("files")) {
                    for (JsonValue v : o.getJsonArray("files")) {
                        JsonObject f = v.asJsonObject();
                        files.add(new PartEntry(
                                f.getString("name"),
                                f.getString("from"),
                                f.getString("to"),
                                f.containsKey("expires")
                                        ? Optional.of(Instant.parse(f.getString("expires")))
                                        : Optional.empty(),
                                f.getInt("group"),
                                f.getInt("size"),
                                f.getString("sha256")));
                    }
                }
                manifest = new Manifest(
                        UUID.fromString(o.getString("id")),
                        o.getString("fromNode"),
                        o.getString("toNode"),
                        new Fingerprint(o.getString("signer")),
                        Instant.parse(o.getString("created")),
                        entries,
                        files);
            } catch (JsonException
                    | IllegalStateException
                    | ClassCastException
                    | NullPointerException
                    | IllegalArgumentException
                    | java.time.format.DateTimeParseException e) {
                throw new BundleFileException(BundleFileException.Kind.MALFORMED, "the bundle's manifest is not valid");
            }
            if (!Arrays.equals(manifest.canonicalBytes(), bytes)) {
                throw new BundleFileException(
                        BundleFileException.Kind.MALFORMED, "the bundle's manifest is not in canonical form");
            }
            return manifest;
        }
    }

    /** A bundle whose every byte checked out; its envelopes and parts are read from the file on demand. */
    public record Verified(Manifest manifest, Path file, long[] offsets, long[] partOffsets) {

        /**
         * The {@code i}-th part's ciphertext (verified when the bundle was read); the stream fails at its end if the
         * file changed since.
         */
        public InputStream part(int i) throws IOException {
            PartEntry entry = manifest.files().get(i);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(partOffsets[i]);
            MessageDigest digest = digest();
            InputStream region =
                    new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 64 * 1024);
            return new InputStream() {
                private long left = entry.size();

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left == 0) {
                        return -1;
                    }
                    int n = region.read(b, off, (int) Math.min(len, left));
                    if (n < 0) {
                        throw new EOFException("the bundle file changed after it was verified");
                    }
                    digest.update(b, off, n);
                    left -= n;
                    if (left == 0 && !HexFormat.of().formatHex(digest.digest()).equals(entry.sha256())) {
                        throw new IOException("the bundle file changed after it was verified");
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    region.close();
                }
            };
        }

        /** The {@code i}-th envelope's bytes (verified when the bundle was read). */
        public byte[] envelope(int i) throws IOException {
            Entry entry = manifest.envelopes().get(i);
            ByteBuffer buffer = ByteBuffer.allocate(entry.size());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long position = offsets[i];
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new EOFException("the bundle file changed after it was verified");
                    }
                    position += n;
                }
            }
            byte[] bytes = buffer.array();
            if (!sha256(bytes).equals(entry.sha256())) {
                throw new IOException("the bundle file changed after it was verified");
            }
            return bytes;
        }
    }

    /** Where an entry's bytes wait to be written: {@code size} bytes of {@code file} from {@code offset}. */
    public record Staged(Path file, long offset, int size) {

        /** The bytes, streamed from the file. */
        InputStream open() throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(channel), 64 * 1024);
        }
    }

    /** Writes a bundle of envelopes held in memory: the manifest must list exactly {@code envelopes}, in order. */
    public static void write(
            OutputStream target, Manifest manifest, List<byte[]> envelopes, UnlockedOrganisationKey key)
            throws IOException {
        List<IoSupplier> sources = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (byte[] e : envelopes) {
            sources.add(() -> new java.io.ByteArrayInputStream(e));
            sizes.add(e.length);
        }
        write(target, manifest, sources, sizes, List.of(), List.of(), key);
    }

    /**
     * Writes a bundle from staged bytes: the manifest must list exactly {@code envelopes} and {@code parts}, in order;
     * each is checked against its listed size and SHA-256 as it is copied (the staged bytes must not have changed).
     */
    public static void write(
            OutputStream target,
            Manifest manifest,
            List<Staged> envelopes,
            List<Staged> parts,
            UnlockedOrganisationKey key)
            throws IOException {
        write(
                target,
                manifest,
                envelopes.stream().map(e -> (IoSupplier) e::open).toList(),
                envelopes.stream().map(Staged::size).toList(),
                parts.stream().map(p -> (IoSupplier) p::open).toList(),
                parts.stream().map(Staged::size).toList(),
                key);
    }

    private interface IoSupplier {
        InputStream open() throws IOException;
    }

    private static void write(
            OutputStream target,
            Manifest manifest,
            List<IoSupplier> envelopes,
            List<Integer> envelopeSizes,
            List<IoSupplier> parts,
            List<Integer> partSizes,
            UnlockedOrganisationKey key)
            throws IOException {
        if (!key.fingerprint().equals(manifest.signer())) {
            throw new IllegalArgumentException("the manifest names another signer");
        }
        if (envelopes.size() != manifest.envelopes().size()
                || parts.size() != manifest.files().size()) {
            throw new IllegalArgumentException("the manifest does not list the envelopes and parts");
        }
        for (int i = 0; i < envelopes.size(); i++) {
            if (envelopeSizes.get(i) != manifest.envelopes().get(i).size()) {
                throw new IllegalArgumentException("envelope " + i + " is not the size the manifest lists");
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            if (partSizes.get(i) != manifest.files().get(i).size()) {
                throw new IllegalArgumentException(
                        "part " + manifest.files().get(i).name() + " is not the size the manifest lists");
            }
        }
        byte[] canonical = manifest.canonicalBytes();
        byte[] signature = DetachedSignatures.sign(key, canonical);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, 64 * 1024));
        out.write(MAGIC);
        out.writeByte(manifest.version());
        out.writeInt(canonical.length);
        out.write(canonical);
        out.writeInt(signature.length);
        out.write(signature);
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < envelopes.size(); i++) {
            Entry entry = manifest.envelopes().get(i);
            copy(envelopes.get(i), entry.size(), entry.sha256(), out, buffer, "envelope " + entry.id());
        }
        for (int i = 0; i < parts.size(); i++) {
            PartEntry entry = manifest.files().get(i);
            copy(parts.get(i), entry.size(), entry.sha256(), out, buffer, "part " + entry.name());
        }
        out.flush();
    }

    /** Writes one entry, its length first, checking that its bytes are still the ones the manifest lists. */
    private static void copy(
            IoSupplier source, int size, String sha256, DataOutputStream out, byte[] buffer, String what)
            throws IOException {
        out.writeInt(size);
        MessageDigest digest = digest();
        try (InputStream in = source.open()) {
            int left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, Math.min(left, buffer.length));
                if (n < 0) {
                    throw new IOException("the staged " + what + " is shorter than the manifest lists");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
            throw new IOException("the staged " + what + " changed before it was written");
        }
    }

    /** The entry of an envelope's bytes. */
    public static Entry entry(UUID id, byte[] envelope) {
        return new Entry(id, envelope.length, sha256(envelope));
    }

    /**
     * Reads and verifies a bundle file. {@code signerOf} gives the certificate of the organisation the
     * manifest's sender node belongs to, or empty for a node this one does not know.
     */
    public static Verified read(Path file, Function<Manifest, Optional<OrganisationCertificate>> signerOf)
            throws BundleFileException, IOException {
        long fileSize = Files.size(file);
        try (DataInputStream in =
                new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024))) {
            byte[] magic = new byte[MAGIC.length];
            readFully(in, magic, "its start");
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BundleFileException(
                        BundleFileException.Kind.MALFORMED, "not an Amicus bundle (no AMCB at its start)");
            }
            int version = readByte(in, "its version");
            if (version != VERSION && version != VERSION_WITH_FILES) {
                throw new BundleFileException(
                        BundleFileException.Kind.UNSUPPORTED_VERSION,
                        "bundle version " + version + "; this node reads versions " + VERSION + " and "
                                + VERSION_WITH_FILES);
            }
            int manifestLength = length(in, "its manifest", MAX_MANIFEST_BYTES);
            if (manifestLength > fileSize) {
                throw truncated("its manifest");
            }
            byte[] canonical = new byte[manifestLength];
            readFully(in, canonical, "its manifest");
            int signatureLength = length(in, "its signature", MAX_SIGNATURE_BYTES);
            byte[] signature = new byte[signatureLength];
            readFully(in, signature, "its signature");
            Manifest manifest = Manifest.parse(canonical);
            if (manifest.version() != version) {
                throw new BundleFileException(
                        BundleFileException.Kind.MALFORMED, "the bundle's version and its manifest disagree");
            }
            OrganisationCertificate signer = signerOf.apply(manifest)
                    .orElseThrow(() -> new BundleFileException(
                            BundleFileException.Kind.UNKNOWN_SENDER,
                            "the bundle comes from node " + manifest.fromNode()
                                    + ", which is not a peer of this node"));
            if (!signer.fingerprint().equals(manifest.signer())
                    || !DetachedSignatures.verify(canonical, signature, signer)) {
                throw new BundleFileException(
                        BundleFileException.Kind.TAMPERED,
                        "the bundle's manifest is not signed by the organisation of node " + manifest.fromNode());
            }
            long position = MAGIC.length + 1 + 4 + manifestLength + 4 + signatureLength;
            long[] offsets = new long[manifest.envelopes().size()];
            MessageDigest digest = digest();
            byte[] buffer = new byte[64 * 1024];
            for (int i = 0; i < offsets.length; i++) {
                Entry entry = manifest.envelopes().get(i);
                int size = length(in, "envelope " + (i + 1), MAX_ENVELOPE_BYTES);
                if (size != entry.size()) {
                    throw tampered("envelope " + (i + 1) + " is not the size its manifest lists");
                }
                position += 4;
                offsets[i] = position;
                digestRegion(in, size, digest, buffer, "envelope " + (i + 1));
                position += size;
                if (!HexFormat.of().formatHex(digest.digest()).equals(entry.sha256())) {
                    throw tampered("envelope " + (i + 1) + " (" + entry.id() + ") does not match its manifest");
                }
            }
            long[] partOffsets = new long[manifest.files().size()];
            for (int i = 0; i < partOffsets.length; i++) {
                PartEntry entry = manifest.files().get(i);
                int size = length(in, "part " + entry.name(), MAX_PART_BYTES);
                if (size != entry.size()) {
                    throw tampered("part " + entry.name() + " is not the size its manifest lists");
                }
                position += 4;
                partOffsets[i] = position;
                digestRegion(in, size, digest, buffer, "part " + entry.name());
                position += size;
                if (!HexFormat.of().formatHex(digest.digest()).equals(entry.sha256())) {
                    throw tampered("part " + entry.name() + " does not match its manifest");
                }
            }
            if (in.read() >= 0) {
                throw tampered("bytes follow the last entry");
            }
            return new Verified(manifest, file, offsets, partOffsets);
        }
    }

    /** Reads the next {@code size} bytes into {@code digest}; a file that ends before is truncated inside {@code what}. */
    private static void digestRegion(DataInputStream in, int size, MessageDigest digest, byte[] buffer, String what)
            throws IOException, BundleFileException {
        int left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(left, buffer.length));
            if (n < 0) {
                throw truncated(what);
            }
            digest.update(buffer, 0, n);
            left -= n;
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int length(DataInputStream in, String what, int max) throws IOException, BundleFileException {
        byte[] four = new byte[4];
        readFully(in, four, what);
        long length = ByteBuffer.wrap(four).getInt() & 0xffffffffL;
        if (length == 0 || length > max) {
            throw new BundleFileException(
                    BundleFileException.Kind.MALFORMED,
                    "the bundle's " + what + " has an impossible length (" + length + " bytes)");
        }
        return (int) length;
    }

    private static int readByte(InputStream in, String what) throws IOException, BundleFileException {
        int b = in.read();
        if (b < 0) {
            throw truncated(what);
        }
        return b;
    }

    private static void readFully(DataInputStream in, byte[] into, String what)
            throws IOException, BundleFileException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw truncated(what);
        }
    }

    private static BundleFileException truncated(String what) {
        return new BundleFileException(
                BundleFileException.Kind.TRUNCATED,
                "the bundle ends inside " + what + "; it was cut short (copy it again)");
    }

    private static BundleFileException tampered(String what) {
        return new BundleFileException(BundleFileException.Kind.TAMPERED, "the bundle was changed: " + what);
    }
}
