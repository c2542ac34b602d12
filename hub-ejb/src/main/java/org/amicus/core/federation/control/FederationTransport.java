package org.amicus.core.federation.control;

import java.util.List;
import java.util.Map;
import org.amicus.core.node.entity.NodeId;

/**
 * What the core needs from the transport (implemented over Artemis in hub-messaging): tell the broker
 * which peers to link to and admit, queue a sealed envelope for a peer in the caller's transaction, and
 * report each link's state.
 */
public interface FederationTransport {

    /** Replaces the broker's peers with these (removed peers are simply absent). Not transactional. */
    void publishPeers(List<PeerLinkSpec> peers);

    /** Queues {@code envelope} for {@code nextHop}; part of the caller's JTA transaction. */
    void send(NodeId nextHop, SealedEnvelope envelope);

    /**
     * Queues {@code envelope} for {@code nextHop} again, as its {@code attempt}-th resend: under a duplicate id
     * of its own, so that no broker on the way drops it as the copy it may have seen (the receiver recognises
     * the envelope by its id). Part of the caller's JTA transaction.
     */
    void resend(NodeId nextHop, SealedEnvelope envelope, int attempt);

    /**
     * What waits in {@code nextHop}'s outbound queue, in queue order (at most {@code max} entries and about 1 GiB, expired
     * ones left out), read without taking anything: it all stays queued for the network. Envelopes and parts of files
     * are copied, sealed as they are, into a staging directory on disk (never the backlog in memory), which the result
     * removes when closed. With {@code after}, only what is queued after that entry (the last of an earlier bundle), so
     * that an export too large for one bundle is carried in several.
     *
     * @throws WaitingStartUnknownException if {@code after} no longer waits there
     */
    Waiting waiting(NodeId nextHop, int max, java.util.Optional<BundleAnchor> after);

    /**
     * What waits for a peer: envelopes and parts of files, and whether more wait after the last of them. Close it to
     * remove what was staged.
     */
    record Waiting(
            List<WaitingEnvelope> envelopes,
            List<WaitingPart> parts,
            java.util.Optional<BundleAnchor> last,
            boolean more,
            java.util.Optional<java.nio.file.Path> staging)
            implements AutoCloseable {
        public Waiting {
            envelopes = List.copyOf(envelopes);
            parts = List.copyOf(parts);
        }

        /** How many entries (envelopes and parts). */
        public int size() {
            return envelopes.size() + parts.size();
        }

        @Override
        public void close() {
            staging.ifPresent(Waiting::deleteTree);
        }

        /** Removes a staging directory and what it holds (sealed bytes only); what cannot be removed now stays. */
        public static void deleteTree(java.nio.file.Path dir) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                return;
            }
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                    try {
                        java.nio.file.Files.deleteIfExists(f);
                    } catch (java.io.IOException e) {
                        // left for the next export's clean-up of old staging directories
                    }
                });
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // as above
            }
        }
    }

    /** The broker's last report per peer; empty for a peer it has not reported yet. */
    Map<NodeId, LinkReport> links();
}
