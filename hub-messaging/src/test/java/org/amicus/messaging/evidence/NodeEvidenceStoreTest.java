package org.amicus.messaging.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.submission.control.ChunkTooLargeException;
import org.amicus.core.submission.control.Spool;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.messaging.envelope.Credentials;
import org.amicus.messaging.envelope.EvidenceSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence files at rest: encrypted, hashed as they arrive, resumable, and any alteration detected. */
class NodeEvidenceStoreTest {

    @TempDir
    Path dir;

    private final byte[] contentKey = Credentials.randomSecret(32);
    private final ContentVault vault = new ContentVault() {
        @Override
        public byte[] seal(byte[] content) {
            return Credentials.seal(contentKey, content);
        }

        @Override
        public byte[] unseal(byte[] sealed) {
            return Credentials.unseal(contentKey, sealed);
        }
    };

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A stream that breaks after a segment and a few bytes, as a cut connection does. */
    private static InputStream breaksAfterASegment() {
        return new java.io.SequenceInputStream(
                new ByteArrayInputStream(bytes(EvidenceSegments.SEGMENT + 5, 9)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the stream broke");
                    }
                });
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private StoredFile upload(NodeEvidenceStore store, byte[] data, int chunk) throws IOException {
        StoredFile f = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            Spool s = store.spool(f, new ByteArrayInputStream(data, off, n), chunk);
            f = store.commit(f, s);
        }
        return f;
    }

    @Test
    void aFileSentInChunksReadsBackWholeWithItsSha256AndIsNotInClearOnDisk() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        byte[] data = bytes(3 * EvidenceSegments.SEGMENT + 12_345, 1);
        StoredFile f = upload(store, data, 1_500_000);
        assertEquals(data.length, f.plainLength());
        assertEquals(sha256(data), store.sha256(f));
        assertEquals(sha256(data), store.rehash(f));
        try (InputStream in = store.open(f)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        byte[] onDisk = Files.readAllBytes(dir.resolve(f.id() + ".evidence"));
        assertEquals(f.storedLength(), onDisk.length);
        assertFalse(contains(onDisk, java.util.Arrays.copyOfRange(data, 1000, 1032)), "no plaintext on disk");
    }

    @Test
    void aFileReceivedInOnePartIsWrittenStraightIntoPlaceAndAFailureLeavesNothing() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        for (int size : new int[] {2 * EvidenceSegments.SEGMENT, 2 * EvidenceSegments.SEGMENT + 7}) {
            byte[] data = bytes(size, size);
            StoredFile f = store.append(
                    new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0), new ByteArrayInputStream(data), size);
            assertEquals(size, f.plainLength());
            assertEquals(sha256(data), store.rehash(f));
            assertEquals(sha256(data), store.sha256(f));
            try (InputStream in = store.open(f)) {
                assertArrayEquals(data, in.readAllBytes());
            }
            try (var spools = Files.newDirectoryStream(dir, "*.spool")) {
                assertFalse(spools.iterator().hasNext(), "no spool");
            }
        }
        StoredFile doomed = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        InputStream breaks = breaksAfterASegment();
        assertThrows(IOException.class, () -> store.append(doomed, breaks, Long.MAX_VALUE));
        assertFalse(Files.exists(dir.resolve(doomed.id() + ".evidence")), "nothing kept");
        StoredFile large = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        assertThrows(
                org.amicus.core.submission.control.ChunkTooLargeException.class,
                () -> store.append(large, new ByteArrayInputStream(bytes(100, 1)), 99));
        assertFalse(Files.exists(dir.resolve(large.id() + ".evidence")), "nothing kept");
    }

    @Test
    void aFileReceivedInPartsIsAppendedInPlaceAndAPartNeverRecordedIsCutOff() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        byte[] data = bytes(3 * EvidenceSegments.SEGMENT + 11, 21);
        int cut = 2 * EvidenceSegments.SEGMENT;
        StoredFile empty = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        StoredFile first = store.append(empty, new ByteArrayInputStream(data, 0, cut), cut);
        // a second part that reached the disk but was never recorded (its transaction failed)
        store.append(first, new ByteArrayInputStream(bytes(500_000, 22)), Long.MAX_VALUE);
        NodeEvidenceStore restarted = new NodeEvidenceStore(dir, vault); // the running hash is read again
        StoredFile whole =
                restarted.append(first, new ByteArrayInputStream(data, cut, data.length - cut), data.length - cut);
        assertEquals(data.length, whole.plainLength());
        assertEquals(sha256(data), restarted.sha256(whole));
        assertEquals(sha256(data), restarted.rehash(whole));

        InputStream breaks = breaksAfterASegment();
        assertThrows(IOException.class, () -> restarted.append(whole, breaks, Long.MAX_VALUE));
        assertEquals(sha256(data), restarted.rehash(whole), "a failed part leaves the file as it was");
        StoredFile doomed = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        assertThrows(
                ChunkTooLargeException.class, () -> store.append(doomed, new ByteArrayInputStream(bytes(100, 1)), 99));
        assertFalse(Files.exists(dir.resolve(doomed.id() + ".evidence")), "a new file that failed is not kept");
    }

    @Test
    void anyRangeOfAFileIsReadCheckedWhateverItsSegments() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        byte[] data = bytes(3 * EvidenceSegments.SEGMENT + 300_001, 23);
        StoredFile f = upload(store, data, 700_001); // segments of uneven length, as a client's chunks make them
        long[][] ranges = {
            {0, 10},
            {5, EvidenceSegments.SEGMENT},
            {699_999, 3},
            {700_001, 2 * EvidenceSegments.SEGMENT},
            {data.length - 1, 1},
            {1_234_567, data.length - 1_234_567},
            {data.length, 0}
        };
        for (long[] r : ranges) {
            try (InputStream in = store.open(f, r[0], r[1])) {
                assertArrayEquals(
                        java.util.Arrays.copyOfRange(data, (int) r[0], (int) (r[0] + r[1])),
                        in.readAllBytes(),
                        "bytes " + r[0] + " to " + (r[0] + r[1]));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> store.open(f, data.length - 1, 2));

        Path file = dir.resolve(f.id() + ".evidence");
        byte[] original = Files.readAllBytes(file);
        byte[] flipped = original.clone();
        flipped[original.length - 100] ^= 1;
        Files.write(file, flipped);
        assertThrows(IOException.class, () -> {
            try (InputStream in = store.open(f, 3 * EvidenceSegments.SEGMENT, 300_001)) {
                in.readAllBytes();
            }
        });
        Files.write(file, java.util.Arrays.copyOf(original, original.length + 1));
        assertThrows(IOException.class, () -> store.open(f, 1, 1), "a file extended");
    }

    @Test
    void aRestartedNodeCarriesTheHashOnFromTheFile() throws Exception {
        byte[] data = bytes(2 * EvidenceSegments.SEGMENT, 2);
        NodeEvidenceStore before = new NodeEvidenceStore(dir, vault);
        StoredFile f = new StoredFile(UUID.randomUUID(), before.newKey(), 0, 0, 0);
        f = before.commit(f, before.spool(f, new ByteArrayInputStream(data, 0, 700_000), 1 << 24));
        NodeEvidenceStore after = new NodeEvidenceStore(dir, vault); // nothing in memory
        f = after.commit(f, after.spool(f, new ByteArrayInputStream(data, 700_000, data.length - 700_000), 1 << 24));
        assertEquals(sha256(data), after.sha256(f));
    }

    @Test
    void whatAFailedCommitLeftIsCutOffAndADiscardedChunkLeavesNothing() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        byte[] data = bytes(1_000_000, 3);
        StoredFile f = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        StoredFile first = store.commit(f, store.spool(f, new ByteArrayInputStream(data, 0, 400_000), 1 << 24));
        // the next chunk reached the file but its transaction failed: the records still say `first`
        store.commit(first, store.spool(first, new ByteArrayInputStream(bytes(300_000, 9)), 1 << 24));
        Spool thrownAway = store.spool(first, new ByteArrayInputStream(bytes(10, 10)), 1 << 24);
        store.discard(thrownAway);
        StoredFile whole =
                store.commit(first, store.spool(first, new ByteArrayInputStream(data, 400_000, 600_000), 1 << 24));
        assertEquals(sha256(data), store.sha256(whole));
        assertEquals(sha256(data), store.rehash(whole));
        try (var spools = Files.newDirectoryStream(dir, "*.spool")) {
            assertFalse(spools.iterator().hasNext(), "no spool left behind");
        }
    }

    @Test
    void aChunkLargerThanAllowedIsRefusedAndLeavesNothing() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        StoredFile f = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        assertThrows(
                ChunkTooLargeException.class,
                () -> store.spool(f, new ByteArrayInputStream(bytes(2_000_001, 4)), 2_000_000));
        try (var left = Files.newDirectoryStream(dir)) {
            assertFalse(left.iterator().hasNext());
        }
    }

    @Test
    void anyAlterationOfAKeptFileIsDetected() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        byte[] data = bytes(2 * EvidenceSegments.SEGMENT + 7, 5);
        StoredFile f = upload(store, data, EvidenceSegments.SEGMENT);
        Path file = dir.resolve(f.id() + ".evidence");
        byte[] original = Files.readAllBytes(file);

        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(file, flipped);
        assertThrows(IOException.class, () -> store.rehash(f), "a flipped bit");

        long segment = EvidenceSegments.stored(EvidenceSegments.SEGMENT);
        byte[] swapped = original.clone();
        System.arraycopy(original, 0, swapped, (int) segment, (int) segment);
        System.arraycopy(original, (int) segment, swapped, 0, (int) segment);
        Files.write(file, swapped);
        assertThrows(IOException.class, () -> store.rehash(f), "two segments swapped");

        Files.write(file, original);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(original.length - EvidenceSegments.stored(7));
        }
        assertThrows(IOException.class, () -> store.rehash(f), "the last segment cut off");

        StoredFile other = upload(store, data, EvidenceSegments.SEGMENT);
        Files.copy(dir.resolve(other.id() + ".evidence"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IOException.class, () -> store.rehash(f), "another file's bytes under this one's name");

        Files.write(file, original);
        assertEquals(sha256(data), store.rehash(f), "restored, it is intact again");
    }

    @Test
    void deletingRemovesTheFile() throws Exception {
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        StoredFile f = upload(store, bytes(100, 6), 100);
        store.delete(f.id());
        assertTrue(Files.notExists(dir.resolve(f.id() + ".evidence")));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
