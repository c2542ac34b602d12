package org.amicus.core.node.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PingRecordTest {

    private static final Instant SENT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aNewPingIsSentAndNotYetDelivered() {
        PingRecord ping = new PingRecord(PingId.random(), SENT);

        assertEquals(PingStatus.SENT, ping.status());
        assertTrue(ping.deliveredAt().isEmpty());
        assertEquals(0, ping.deliveries());
    }

    @Test
    void theFirstDeliveryMarksItDelivered() {
        PingRecord ping = new PingRecord(PingId.random(), SENT);

        assertTrue(ping.markDelivered(SENT.plusMillis(5)));

        assertEquals(PingStatus.DELIVERED, ping.status());
        assertEquals(SENT.plusMillis(5), ping.deliveredAt().orElseThrow());
        assertEquals(1, ping.deliveries());
    }

    @Test
    void aRedeliveryIsCountedButChangesNothingElse() {
        PingRecord ping = new PingRecord(PingId.random(), SENT);
        ping.markDelivered(SENT.plusMillis(5));

        assertFalse(ping.markDelivered(SENT.plusSeconds(60)));

        assertEquals(SENT.plusMillis(5), ping.deliveredAt().orElseThrow());
        assertEquals(2, ping.deliveries());
    }
}
