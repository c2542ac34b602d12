package org.amicus.core.federation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;
import org.junit.jupiter.api.Test;

/** Which sendings of an envelope a relay forwards (federation.md §6): each of the sender's once, redeliveries not. */
class RelayedEnvelopeTest {

    private static final Instant NOW = Instant.parse("2026-12-03T20:00:00Z");

    private static RelayedEnvelope firstSending() {
        return new RelayedEnvelope(
                UUID.randomUUID(), NodeId.random(), NodeId.random(), NodeId.random(), 1024, NOW.plusSeconds(3600), NOW);
    }

    @Test
    void aRedeliveryOfTheSendingAlreadyForwardedIsNotForwardedAgain() {
        RelayedEnvelope relayed = firstSending();
        assertEquals(0, relayed.attempt());
        assertFalse(relayed.forwardAgain(0), "the first sending, delivered again");
    }

    @Test
    void eachLaterResendOfTheSendersIsForwardedOnceAndAnOlderOneNever() {
        RelayedEnvelope relayed = firstSending();
        assertTrue(relayed.forwardAgain(1), "the sender's first resend");
        assertFalse(relayed.forwardAgain(1), "that resend delivered again");
        assertTrue(relayed.forwardAgain(3), "a later resend (the second one lost before the relay)");
        assertFalse(relayed.forwardAgain(2), "an older resend that arrives late");
        assertEquals(3, relayed.attempt());
    }
}
