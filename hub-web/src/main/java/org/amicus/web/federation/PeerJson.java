package org.amicus.web.federation;

import org.amicus.core.federation.boundary.PeerView;

/**
 * Wire form of a peer: who, where, its state (ACTIVE, SUSPENDED, REMOVED), its link as the broker
 * reports it ({@code connected}, {@code connecting}, {@code suspended}, {@code removed}; the last error
 * while not connected), and the envelopes waiting for it (how many, since when) and its last delivery; {@code via}: the relay it is reached through; {@code relaying}: whether this node relays
 * for it.
 */
public record PeerJson(
        String node,
        String organisation,
        String fingerprint,
        String fingerprintGrouped,
        String address,
        String tlsKeySha256,
        String state,
        String addedAt,
        String addedBy,
        String changedAt,
        Link link,
        long waiting,
        String oldestWaiting,
        String lastDelivery,
        String via,
        boolean relaying) {

    public record Link(String state, String since, String lastError, long forwarded) {}

    static PeerJson of(PeerView p) {
        return new PeerJson(
                p.node().toString(),
                p.organisation(),
                p.fingerprint().hex(),
                p.fingerprint().grouped(),
                p.address(),
                p.tlsSpkiSha256(),
                p.state().name(),
                p.addedAt().toString(),
                p.addedBy(),
                p.changedAt().toString(),
                new Link(
                        p.link().state(),
                        p.link().since().toString(),
                        p.link().lastError().isEmpty() ? null : p.link().lastError(),
                        p.link().forwarded()),
                p.waiting(),
                p.oldestWaiting() == null ? null : p.oldestWaiting().toString(),
                p.lastDelivery() == null ? null : p.lastDelivery().toString(),
                p.via() == null ? null : p.via().toString(),
                p.relaysFor());
    }
}
