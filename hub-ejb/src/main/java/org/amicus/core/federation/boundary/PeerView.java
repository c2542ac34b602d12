package org.amicus.core.federation.boundary;

import java.time.Instant;
import org.amicus.core.federation.control.LinkReport;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/**
 * A peer as its operator sees it: who, where, its state, its link (as the broker reports it) and the
 * envelopes waiting for it.
 */
public record PeerView(
        NodeId node,
        String organisation,
        Fingerprint fingerprint,
        String address,
        String tlsSpkiSha256,
        PeerState state,
        Instant addedAt,
        String addedBy,
        Instant changedAt,
        LinkReport link,
        long waiting,
        Instant oldestWaiting,
        Instant lastDelivery,
        NodeId via,
        boolean relaysFor) {}
