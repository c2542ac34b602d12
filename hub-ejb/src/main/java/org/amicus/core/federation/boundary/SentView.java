package org.amicus.core.federation.boundary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amicus.core.federation.entity.DeliveryState;
import org.amicus.core.node.entity.NodeId;

/** A sent envelope and what became of it at each recipient node. */
public record SentView(UUID envelopeId, Instant created, Instant expires, String priority, List<Recipient> recipients) {

    public record Recipient(NodeId node, DeliveryState state, Instant stateAt, String detail) {}
}
