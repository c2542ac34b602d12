package org.amicus.core.federation.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;
import org.junit.jupiter.api.Test;

/** Which sendings of an envelope a relay forwards (federation.md §6): each of the sender's once, redeliveries not. */
class RelayedEnvelopeTest {

    private static final Instant NOW = Instant.parse("2026-12-03T20:00:00Z");

    private static RelayedEnvelope forwarded(int sending) {
        return new RelayedEnvelope(
                UUID.randomUUID(),
                NodeId.random(),
                NodeId.random(),
                NodeId.random(),
                1024,
                NOW.plusSeconds(3600),
                NOW,
                sending);
    }

    @Test
    void aRedeliveryOfTheSendingAlreadyForwardedIsNotForwardedAgain() {
        RelayedEnvelope relayed = forwarded(0);
        assertTrue(relayed.forwarded(0), "the first sending, delivered again");
        assertFalse(relayed.forwarded(1), "the sender's first resend is still to go");
    }

    @Test
    void eachLaterResendOfTheSendersIsForwardedOnceAndAnOlderOneNever() {
        RelayedEnvelope relayed = forwarded(0);
        relayed.forwardedAgain(1);
        assertTrue(relayed.forwarded(1), "that resend delivered again");
        assertFalse(relayed.forwarded(3), "a later resend (the second one lost before the relay)");
        relayed.forwardedAgain(3);
        assertTrue(relayed.forwarded(2), "an older resend that arrives late");
        relayed.forwardedAgain(2);
        assertFalse(relayed.forwarded(4), "recording an older one changes nothing");
    }

    @Test
    void aResendThatReachesTheRelayFirstIsRecordedAsForwarded() {
        RelayedEnvelope relayed = forwarded(2); // the first sending and the first resend were lost before the relay
        assertTrue(relayed.forwarded(0), "the first sending arriving late");
        assertTrue(relayed.forwarded(2));
        assertFalse(relayed.forwarded(3));
    }
}
