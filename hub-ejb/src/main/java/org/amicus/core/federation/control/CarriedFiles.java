package org.amicus.core.federation.control;

import java.io.IOException;
import java.io.InputStream;
import org.amicus.core.node.entity.NodeId;

/**
 * Where a bundle's parts of files go on import (federation.md §7): implemented by the capability that owns files
 * beside envelopes (submissions), which takes each part as if the peer that wrote the bundle had delivered it over the
 * network (federation.md §3.8): routed by the same rules, kept to be opened in turn, relayed on, or dropped.
 */
public interface CarriedFiles {

    /** What became of a carried part. */
    enum Outcome {
        /** For this node and wanted: kept to be opened in turn (or opened now); or relayed on to the node it is for. */
        KEPT,
        /** Here already (opened, or its file settled): nothing kept. */
        DUPLICATE,
        /** Not for this node, not from a node it takes files from through this peer, or expired: nothing kept. */
        REFUSED
    }

    /**
     * Takes {@code part}, carried in a bundle that {@code peer} wrote, whose ciphertext (sealed to its recipient, as
     * its sender queued it) {@code ciphertext} streams.
     *
     * @throws IOException if this node cannot store or relay it now (nothing is kept; the import may be repeated)
     */
    Outcome receive(NodeId peer, BundleFormat.CarriedPart part, InputStream ciphertext) throws IOException;
}
