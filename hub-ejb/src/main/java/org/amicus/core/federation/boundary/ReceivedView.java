package org.amicus.core.federation.boundary;

import java.time.Instant;
import java.util.UUID;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/** A received envelope's routing facts and its marking (no content). */
public record ReceivedView(
        UUID envelopeId,
        NodeId fromNode,
        Fingerprint sender,
        NodeId viaPeer,
        Instant created,
        Instant expires,
        Instant receivedAt,
        String priority,
        int size,
        String sha256,
        Instant receiptSentAt,
        org.amicus.core.routing.entity.Marking marking) {}
