package org.amicus.core.federation.boundary;

import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;

/**
 * What importing a bundle did: how many of its envelopes were new, already here, or refused, and the same for the parts
 * of files it carried; incomplete while an import runs or after one was interrupted.
 */
public record BundleImportView(
        UUID bundle,
        NodeId fromNode,
        Instant created,
        int envelopes,
        int accepted,
        int duplicates,
        int refused,
        org.amicus.core.federation.entity.ImportedBundle.PartCounts files,
        boolean complete) {}
