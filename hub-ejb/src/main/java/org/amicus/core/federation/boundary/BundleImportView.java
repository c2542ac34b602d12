package org.amicus.core.federation.boundary;

import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;

/** What importing a bundle did: how many of its envelopes were new, already here, or refused; incomplete while an import runs or after one was interrupted. */
public record BundleImportView(
        UUID bundle,
        NodeId fromNode,
        Instant created,
        int envelopes,
        int accepted,
        int duplicates,
        int refused,
        boolean complete) {}
