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
        assertThrows(IllegalStateException.class, () -> i.shipped(now), "not sent afterwards");
        assertThrows(IllegalStateException.class, () -> i.altered(now));
    }

    @Test
    void aFileTheBrokerHoldsIsNotMarkedAltered() {
        SubmissionItem i = ready();
        i.shipped(Instant.now());
        assertThrows(IllegalStateException.class, () -> i.altered(Instant.now()));
        assertEquals(ItemState.SHIPPED, i.state());
    }
}
