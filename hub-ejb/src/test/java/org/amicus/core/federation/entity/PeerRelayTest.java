package org.amicus.core.federation.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrganisationType;
import org.amicus.core.node.entity.NodeId;
import org.junit.jupiter.api.Test;

/** Who a relay forwards for, and whom a recipient takes relayed envelopes and files from (federation.md §6). */
class PeerRelayTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Peer peer(NodeId id) {
        return new Peer(
                id,
                "Organisation " + id,
                OrganisationType.CIVIL_SOCIETY,
                Fingerprint.parse("1111111111111111111111111111111111111111"),
                new PeerAddress("127.0.0.1", 7000),
                new TlsPin("-----BEGIN CERTIFICATE-----", "ab".repeat(32), NOW.plusSeconds(86_400)),
                "operator",
                NOW);
    }

    private static NodeId node() {
        return NodeId.random();
    }

    @Test
    void aRelayForwardsToAnActiveDirectPeerOnlyWhenItRelaysForOneOfTheTwoSides() {
        Peer from = peer(node());
        Peer to = peer(node());
        assertFalse(Peer.relayable(from, to), "relaying for neither side");
        to.relayFor(true, NOW);
        assertTrue(Peer.relayable(from, to), "relaying for the destination");
        to.relayFor(false, NOW);
        from.relayFor(true, NOW);
        assertTrue(Peer.relayable(from, to), "relaying for the one that delivered");
        assertFalse(Peer.relayable(from, from), "never back to where it came from");
        assertFalse(Peer.relayable(from, null), "not a peer");
        to.suspend(NOW);
        assertFalse(Peer.relayable(from, to), "a suspended destination");
        to.resume(NOW);
        Peer behind = peer(node());
        behind.routeVia(from.nodeId());
        assertFalse(Peer.relayable(from, behind), "a destination that has no link of its own");
    }

    @Test
    void aRecipientTakesWhatANodeSentOnlyFromTheRelayItReachesThatNodeThrough() {
        NodeId relay = node();
        Peer sender = peer(node());
        assertFalse(sender.reachedThrough(relay), "a direct peer is reached through no relay");
        sender.routeVia(relay);
        assertTrue(sender.reachedThrough(relay));
        assertFalse(sender.reachedThrough(node()), "another relay");
        sender.remove(NOW);
        assertFalse(sender.reachedThrough(relay), "a removed peer");
    }
}
