package org.amicus.core.submission.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.submission.control.StoredFile;
import org.junit.jupiter.api.Test;

/** The rules of an upload: room for the next chunk, completion only when whole, the announced hash. */
class UploadTest {

    private static final Instant T0 = Instant.parse("2027-01-10T09:00:00Z");

    private static Upload upload(long size, Optional<String> expected) {
        return new Upload(UUID.randomUUID(), new byte[] {1}, size, new byte[] {2}, expected, "person:x", T0);
    }

    private static void arrive(Upload u, long bytes) {
        StoredFile f = u.file();
        u.appended(
                new StoredFile(
                        f.id(),
                        f.sealedKey(),
                        f.storedLength() + bytes + 33,
                        f.segments() + 1,
                        f.plainLength() + bytes),
                T0);
    }

    @Test
    void theNextChunkMayHoldNoMoreThanTheLimitOrWhatRemains() {
        Upload u = upload(100, Optional.empty());
        assertEquals(64, u.room(64));
        arrive(u, 64);
        assertEquals(36, u.room(64));
        arrive(u, 36);
        assertEquals(0, u.room(64));
        assertTrue(u.whole());
    }

    @Test
    void onlyAWholeUploadCompletesAndAnAnnouncedHashMustMatch() {
        Upload u = upload(10, Optional.of("a".repeat(64)));
        arrive(u, 5);
        assertThrows(IllegalStateException.class, () -> u.complete("a".repeat(64), T0));
        arrive(u, 5);
        assertFalse(u.complete("b".repeat(64), T0));
        assertEquals(UploadState.REFUSED, u.state());
        assertThrows(IllegalStateException.class, () -> arrive(u, 1), "a refused upload takes nothing more");

        Upload ok = upload(10, Optional.of("a".repeat(64)));
        arrive(ok, 10);
        assertTrue(ok.complete("a".repeat(64), T0));
        assertEquals(UploadState.COMPLETE, ok.state());
        assertEquals(Optional.of("a".repeat(64)), ok.sha256());
    }

    @Test
    void anUploadIdleLongerThanResumableExpires() {
        Upload u = upload(10, Optional.empty());
        assertFalse(u.idleLongerThan(Duration.ofHours(72), T0.plus(Duration.ofHours(71))));
        assertTrue(u.idleLongerThan(Duration.ofHours(72), T0.plus(Duration.ofHours(73))));
        u.discard(UploadState.EXPIRED, T0);
        assertFalse(u.idleLongerThan(Duration.ofHours(72), T0.plus(Duration.ofDays(30))), "once only");
    }
}
