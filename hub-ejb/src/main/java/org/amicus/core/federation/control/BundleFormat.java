package org.amicus.core.federation.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/**
 * Offline bundles (docs/protocol/federation.md §7), implemented by the crypto unit: writing the
 * envelopes waiting for a peer into one file signed by this organisation, and reading one back with
 * every byte verified before any envelope is handed out.
 */
public interface BundleFormat {

    /**
     * Writes a bundle from this node to {@code to}, signed with this organisation's key: the envelopes, then the parts
     * of files (their staged ciphertext, checked against the SHA-256 taken when staged as it is copied).
     */
    void write(OutputStream out, UUID bundleId, NodeId to, List<WaitingEnvelope> envelopes, List<WaitingPart> parts)
            throws IOException;

    /**
     * Takes a bundle in (at most {@code maxBytes}), stages it on the node's disk and verifies it.
     * {@code organisationOf} names the organisation expected to have signed a bundle from a node, or is
     * empty for a node this one does not accept bundles from. Close the result to remove the staged file.
     *
     * @throws BundleRefusedException if it is not a whole, untouched bundle from a known node
     */
    OpenedBundle read(InputStream in, long maxBytes, Function<NodeId, Optional<Fingerprint>> organisationOf)
            throws IOException;

    /** A part of a file a bundle carries, as its manifest names and routes it. */
    record CarriedPart(String name, NodeId from, NodeId to, Optional<Instant> expires, int groupSequence, long size) {}

    /** A verified bundle: who sent it to whom, its envelopes, read one by one, and the parts of files after them. */
    interface OpenedBundle extends AutoCloseable {
        UUID id();

        NodeId fromNode();

        NodeId toNode();

        Instant created();

        int size();

        /** The {@code i}-th envelope's bytes, 0-based. */
        byte[] envelope(int i) throws IOException;

        /** The parts of files, in the bundle's order (a file's parts in their order). */
        List<CarriedPart> parts();

        /**
         * The {@code i}-th part's ciphertext, as sealed by its sender; the stream fails at its end if the staged file
         * changed since it was verified.
         */
        InputStream part(int i) throws IOException;

        @Override
        void close();
    }
}
