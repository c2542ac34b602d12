package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.amicus.core.federation.entity.PeerAddress;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/**
 * The operator's peering facade: each change commits first ({@link Peers}), then the broker is told and
 * the call returns once it has applied the change (or after a few seconds if it is away), so that a
 * suspension or removal holds when the operator sees the answer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Peering {

    @Inject
    Peers peers;

    @Inject
    FederationJobs jobs;

    public PeerView add(
            String cardJson,
            Fingerprint confirmed,
            String verifiedBy,
            Optional<PeerAddress> address,
            Optional<NodeId> via) {
        PeerView added = peers.add(cardJson, confirmed, verifiedBy, address, via);
        jobs.publishNow();
        return peers.find(added.node());
    }

    public PeerView suspend(NodeId node) {
        peers.suspend(node);
        jobs.publishNow();
        return peers.find(node);
    }

    public PeerView resume(NodeId node) {
        peers.resume(node);
        jobs.publishNow();
        return peers.find(node);
    }

    public PeerView remove(NodeId node) {
        peers.remove(node);
        jobs.publishNow();
        return peers.find(node);
    }

    public PeerView relayFor(NodeId node, boolean relay) {
        return peers.relayFor(node, relay); // the broker's peers do not change
    }

    public List<PeerView> list() {
        return peers.list();
    }

    public PeerView find(NodeId node) {
        return peers.find(node);
    }
}
