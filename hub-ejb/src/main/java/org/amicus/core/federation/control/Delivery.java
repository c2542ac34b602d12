package org.amicus.core.federation.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/**
 * An envelope that opened: its verified header and its content. The content is for the moment of
 * receipt only (e.g. to apply a delivery receipt); it is never stored in clear.
 */
public record Delivery(
        UUID id,
        NodeId fromNode,
        Fingerprint sender,
        List<NodeId> toNodes,
        Instant created,
        Instant expires,
        String priority,
        Content content) {}
