package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.NODE_A;
import static org.amicus.messaging.envelope.EnvelopeFixtures.NODE_B;
import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline bundle file: read back whole and verified, or refused with why, before anything is handed out. */
class BundleFileTest {

    private static OrganisationKey sender;
    private static OrganisationKey stranger;
    private static UnlockedOrganisationKey unlocked;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        sender = aKeyFor("Amicus node " + NODE_A + " (A)");
        stranger = aKeyFor("Someone else");
        unlocked = sender.unlock(PASS);
    }

    @Test
    void aBundleReadsBackWithEveryEnvelopeInOrder() throws Exception {
        List<byte[]> envelopes = envelopes(5, 3000);
        BundleFile.Manifest manifest = manifest(envelopes);
        Path file = write(manifest, envelopes);

        BundleFile.Verified read = BundleFile.read(file, m -> Optional.of(sender.certificate()));

        assertEquals(manifest, read.manifest());
        for (int i = 0; i < envelopes.size(); i++) {
            assertArrayEquals(envelopes.get(i), read.envelope(i));
        }
        assertTrue(new String(Files.readAllBytes(file), 0, 4, StandardCharsets.US_ASCII).equals("AMCB"));
    }

    @Test
    void anEmptyBundleIsValid() throws Exception {
        Path file = write(manifest(List.of()), List.of());
        assertEquals(
                0,
                BundleFile.read(file, m -> Optional.of(sender.certificate()))
                        .manifest()
                        .envelopes()
                        .size());
    }

    @Test
    void aBundleCutAnywhereIsTruncated() throws Exception {
        List<byte[]> envelopes = envelopes(3, 500);
        byte[] whole = Files.readAllBytes(write(manifest(envelopes), envelopes));
        for (int cut : new int[] {2, 7, 40, whole.length / 2, whole.length - 1}) {
            Path shorter = dir.resolve("cut-" + cut);
            Files.write(shorter, Arrays.copyOf(whole, cut));
            BundleFileException e = assertThrows(
                    BundleFileException.class, () -> BundleFile.read(shorter, m -> Optional.of(sender.certificate())));
            assertEquals(BundleFileException.Kind.TRUNCATED, e.kind(), "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void aChangedEnvelopeAChangedManifestOrAddedBytesAreTampering() throws Exception {
        List<byte[]> envelopes = envelopes(3, 500);
        byte[] whole = Files.readAllBytes(write(manifest(envelopes), envelopes));

        byte[] envelopeFlipped = whole.clone();
        envelopeFlipped[whole.length - 10] ^= 1;
        assertKind(BundleFileException.Kind.TAMPERED, envelopeFlipped);

        byte[] manifestChanged = whole.clone();
        String text = new String(whole, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"size\":500");
        manifestChanged[at + 7] = '4'; // still canonical, no longer what was signed
        assertKind(BundleFileException.Kind.TAMPERED, manifestChanged);

        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertKind(BundleFileException.Kind.TAMPERED, longer);
    }

    @Test
    void aBundleSignedByAnotherOrganisationOrFromAnUnknownNodeIsRefused() throws Exception {
        List<byte[]> envelopes = envelopes(1, 100);
        Path file = write(manifest(envelopes), envelopes);

        BundleFileException other = assertThrows(
                BundleFileException.class, () -> BundleFile.read(file, m -> Optional.of(stranger.certificate())));
        assertEquals(BundleFileException.Kind.TAMPERED, other.kind());
        BundleFileException unknown =
                assertThrows(BundleFileException.class, () -> BundleFile.read(file, m -> Optional.empty()));
        assertEquals(BundleFileException.Kind.UNKNOWN_SENDER, unknown.kind());
        assertTrue(unknown.getMessage().contains(NODE_A), unknown.getMessage());
    }

    @Test
    void somethingElseOrAnotherVersionIsNamedAsSuch() throws Exception {
        assertKind(BundleFileException.Kind.MALFORMED, "PK\u0003\u0004 a zip file".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> envelopes = envelopes(1, 100);
        byte[] whole = Files.readAllBytes(write(manifest(envelopes), envelopes));
        byte[] v3 = whole.clone();
        v3[4] = 3;
        assertKind(BundleFileException.Kind.UNSUPPORTED_VERSION, v3);
        byte[] v2 = whole.clone();
        v2[4] = 2; // version 2 is a bundle with files: this manifest has none
        assertKind(BundleFileException.Kind.MALFORMED, v2);
        byte[] hugeManifest = whole.clone();
        hugeManifest[5] = 0x7f; // manifest length beyond any limit
        assertKind(BundleFileException.Kind.MALFORMED, hugeManifest);
    }

    @Test
    void aManifestMustListTheEnvelopesWritten() throws Exception {
        List<byte[]> envelopes = envelopes(2, 100);
        assertThrows(
                IllegalArgumentException.class,
                () -> BundleFile.write(
                        new ByteArrayOutputStream(), manifest(envelopes), envelopes.subList(0, 1), unlocked));
        assertFalse(manifest(envelopes).envelopes().isEmpty());
    }

    @Test
    void aBundleWithFilesIsVersion2AndReadsBackEachPartAfterTheEnvelopes() throws Exception {
        List<byte[]> envelopes = envelopes(2, 700);
        List<Path> parts = parts(200_000, 3);
        BundleFile.Manifest manifest = manifest(envelopes, parts);
        Path file = write(manifest, envelopes, parts);

        BundleFile.Verified read = BundleFile.read(file, m -> Optional.of(sender.certificate()));

        assertEquals(manifest, read.manifest());
        assertEquals(2, manifest.version());
        assertEquals(2, Files.readAllBytes(file)[4], "the version byte");
        String text = new String(manifest.canonicalBytes(), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"files\":[{\"expires\":") && text.endsWith("\"v\":2}"), text);
        for (int i = 0; i < envelopes.size(); i++) {
            assertArrayEquals(envelopes.get(i), read.envelope(i));
        }
        for (int i = 0; i < parts.size(); i++) {
            try (var in = read.part(i)) {
                assertArrayEquals(Files.readAllBytes(parts.get(i)), in.readAllBytes(), "part " + i);
            }
        }
        assertEquals(1, manifest(envelopes).version(), "without files a bundle stays version 1");
    }

    @Test
    void aChangedOrCutPartOfAFileRefusesTheWholeBundle() throws Exception {
        List<byte[]> envelopes = envelopes(1, 300);
        List<Path> parts = parts(50_000, 40_000);
        byte[] whole = Files.readAllBytes(write(manifest(envelopes, parts), envelopes, parts));

        byte[] partFlipped = whole.clone();
        partFlipped[whole.length - 45_000] ^= 1; // inside the first part
        assertKind(BundleFileException.Kind.TAMPERED, partFlipped);
        assertKind(BundleFileException.Kind.TRUNCATED, Arrays.copyOf(whole, whole.length - 1));
        assertKind(BundleFileException.Kind.TRUNCATED, Arrays.copyOf(whole, whole.length - 40_004));
        assertKind(BundleFileException.Kind.TAMPERED, Arrays.copyOf(whole, whole.length + 7));
    }

    @Test
    void aPartChangedOnDiskAfterItWasStagedOrVerifiedIsNotHandedOutAsIfIntact() throws Exception {
        List<byte[]> envelopes = envelopes(1, 300);
        List<Path> parts = parts(10_000);
        BundleFile.Manifest manifest = manifest(envelopes, parts);
        Path file = write(manifest, envelopes, parts);

        byte[] staged = Files.readAllBytes(parts.get(0));
        staged[5] ^= 1;
        Files.write(parts.get(0), staged);
        assertThrows(
                java.io.IOException.class,
                () -> BundleFile.write(
                        new ByteArrayOutputStream(), manifest, staged(envelopes), stagedParts(parts), unlocked),
                "the staged part no longer has the SHA-256 its manifest lists");

        BundleFile.Verified read = BundleFile.read(file, m -> Optional.of(sender.certificate()));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 1;
        Files.write(file, bytes);
        try (var in = read.part(0)) {
            assertThrows(java.io.IOException.class, in::readAllBytes);
        }
    }

    private List<Path> parts(int... sizes) throws Exception {
        List<Path> parts = new ArrayList<>();
        Random random = new Random(7);
        for (int size : sizes) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            parts.add(Files.write(dir.resolve("part-" + parts.size() + ".pgp"), bytes));
        }
        return parts;
    }

    /** Envelopes staged one after the other in one file, as an export stages them. */
    private List<BundleFile.Staged> staged(List<byte[]> envelopes) throws Exception {
        Path file = dir.resolve("envelopes-" + UUID.randomUUID());
        List<BundleFile.Staged> staged = new ArrayList<>();
        long offset = 0;
        try (var out = Files.newOutputStream(file)) {
            for (byte[] e : envelopes) {
                out.write(e);
                staged.add(new BundleFile.Staged(file, offset, e.length));
                offset += e.length;
            }
        }
        return staged;
    }

    private static List<BundleFile.Staged> stagedParts(List<Path> parts) throws Exception {
        List<BundleFile.Staged> staged = new ArrayList<>();
        for (Path p : parts) {
            staged.add(new BundleFile.Staged(p, 0, Math.toIntExact(Files.size(p))));
        }
        return staged;
    }

    private BundleFile.Manifest manifest(List<byte[]> envelopes, List<Path> parts) throws Exception {
        BundleFile.Manifest plain = manifest(envelopes);
        UUID envelope = plain.envelopes().get(0).id();
        List<BundleFile.PartEntry> files = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] ciphertext = Files.readAllBytes(parts.get(i));
            files.add(new BundleFile.PartEntry(
                    envelope + "/f1" + (i == 0 ? "" : "/" + i),
                    NODE_A,
                    NODE_B,
                    Optional.of(Instant.now().plusSeconds(3600)),
                    parts.size() == 1 ? 0 : i == parts.size() - 1 ? -1 : i + 1,
                    ciphertext.length,
                    BundleFile.sha256(ciphertext)));
        }
        return new BundleFile.Manifest(
                plain.id(), NODE_A, NODE_B, sender.fingerprint(), plain.created(), plain.envelopes(), files);
    }

    private Path write(BundleFile.Manifest manifest, List<byte[]> envelopes, List<Path> parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleFile.write(out, manifest, staged(envelopes), stagedParts(parts), unlocked);
        return Files.write(dir.resolve(manifest.id() + ".amcb"), out.toByteArray());
    }

    private void assertKind(BundleFileException.Kind kind, byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve(UUID.randomUUID() + ".amcb"), bytes);
        BundleFileException e = assertThrows(
                BundleFileException.class, () -> BundleFile.read(file, m -> Optional.of(sender.certificate())));
        assertEquals(kind, e.kind(), e.getMessage());
    }

    private Path write(BundleFile.Manifest manifest, List<byte[]> envelopes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleFile.write(out, manifest, envelopes, unlocked);
        return Files.write(dir.resolve(manifest.id() + ".amcb"), out.toByteArray());
    }

    private static BundleFile.Manifest manifest(List<byte[]> envelopes) {
        List<BundleFile.Entry> entries = new ArrayList<>();
        for (byte[] e : envelopes) {
            entries.add(BundleFile.entry(UUID.randomUUID(), e));
        }
        return new BundleFile.Manifest(UUID.randomUUID(), NODE_A, NODE_B, sender.fingerprint(), Instant.now(), entries);
    }

    private static List<byte[]> envelopes(int n, int size) {
        Random random = new Random(n * 31L + size);
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[size + i];
            random.nextBytes(b);
            list.add(b);
        }
        return list;
    }
}
