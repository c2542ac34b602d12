package org.amicus.core.submission.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.submission.control.StoredFile;
import org.junit.jupiter.api.Test;

class SubmissionItemTest {

    private static SubmissionItem ready() {
        StoredFile file = new StoredFile(UUID.randomUUID(), new byte[] {1}, 100, 1, 42);
        return SubmissionItem.ofUpload(
                SubmissionId.random(), 1, new byte[] {2}, UUID.randomUUID(), file, "ab".repeat(32));
    }

    @Test
    void aFileAlteredBeforeItWasSentIsNeverSent() {
        SubmissionItem i = ready();
        Instant now = Instant.parse("2026-12-01T06:00:00Z");
        i.altered(now);
        assertEquals(ItemState.ALTERED, i.state());
        assertEquals(Optional.of("altered-after-intake"), i.outcome());
        assertThrows(IllegalStateException.class, () -> i.partShipped(0, true, now), "not sent afterwards");
        assertThrows(IllegalStateException.class, () -> i.altered(now));
    }

    @Test
    void aFileTheBrokerHoldsIsNotMarkedAltered() {
        SubmissionItem i = ready();
        i.partShipped(0, true, Instant.now());
        assertThrows(IllegalStateException.class, () -> i.altered(Instant.now()));
        assertEquals(ItemState.SHIPPED, i.state());
    }

    @Test
    void partsAreShippedInOrderAndTheFileIsShippedWithTheLast() {
        SubmissionItem i = ready();
        Instant now = Instant.now();
        assertThrows(IllegalStateException.class, () -> i.partShipped(1, false, now), "not before part 0");
        i.partShipped(0, false, now);
        assertEquals(ItemState.READY, i.state());
        assertThrows(IllegalStateException.class, () -> i.partShipped(0, false, now), "not twice");
        i.partShipped(1, true, now);
        assertEquals(ItemState.SHIPPED, i.state());
        assertEquals(2, i.partsDone());
    }

    @Test
    void partsOpenedInOrderAndARefusalGivesUpWhatWasReceived() {
        SubmissionItem i = SubmissionItem.expected(SubmissionId.random(), 1, new byte[] {2}, 200, "ab".repeat(32));
        assertEquals(Optional.empty(), i.partial(0));
        StoredFile file = new StoredFile(UUID.randomUUID(), new byte[] {1}, 133, 1, 100);
        assertThrows(IllegalStateException.class, () -> i.partOpened(1, file), "not before part 0");
        i.partOpened(0, file);
        assertEquals(1, i.partsDone());
        assertEquals(file.id(), i.partial(100).orElseThrow().id());
        assertEquals(100, i.partial(100).orElseThrow().plainLength());
        assertEquals(Optional.of(file.id()), i.refused("header-mismatch", Instant.now()));
        assertEquals(ItemState.REFUSED, i.state());
        assertEquals(Optional.empty(), i.file(), "nothing of it kept");
    }
}
