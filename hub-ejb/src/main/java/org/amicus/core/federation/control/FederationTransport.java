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
     * The envelopes waiting in {@code nextHop}'s outbound queue (at most {@code max} and about 256 MiB, oldest first,
     * expired ones left out), read without taking them: they stay queued for the network. With {@code after}, only
     * those queued after that envelope (the last of an earlier bundle), so that an export too large for one bundle is
     * carried in several.
     *
     * @throws WaitingStartUnknownException if {@code after} no longer waits there
     */
    Waiting waiting(NodeId nextHop, int max, java.util.Optional<java.util.UUID> after);

    /** Envelopes waiting for a peer, oldest first, and whether more wait after the last of them. */
    record Waiting(List<WaitingEnvelope> envelopes, boolean more) {
        public Waiting {
            envelopes = List.copyOf(envelopes);
        }

        /** The last envelope's id, where the next export starts; empty if there is none. */
        public java.util.Optional<java.util.UUID> last() {
            return envelopes.isEmpty()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(envelopes.get(envelopes.size() - 1).id());
        }
    }

    /** The broker's last report per peer; empty for a peer it has not reported yet. */
    Map<NodeId, LinkReport> links();
}
