package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.control.CheckedCard;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.InvalidCardException;
import org.amicus.core.federation.control.LinkReport;
import org.amicus.core.federation.control.PeerCards;
import org.amicus.core.federation.entity.DeliveryState;
import org.amicus.core.federation.entity.OutgoingEnvelope;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.PeerAddress;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.boundary.KeyRevoked;
import org.amicus.core.identity.boundary.KnownKey;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.identity.entity.FingerprintMismatchException;
import org.amicus.core.node.entity.NodeId;

/**
 * Peers in the database: added from a card and the fingerprint read out of band, suspended, resumed,
 * removed, each change in its own transaction. Callers go through {@link Peering}, which tells the
 * broker once a change has committed.
 */
@Stateless
public class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    PeerCards cards;

    @Inject
    KeyDirectory keys;

    @Inject
    FederationTransport transport;

    @Inject
    Clock clock;

    /**
     * Adds a peer. {@code confirmed} is the organisation fingerprint as its operator read it out of band;
     * it must equal the card's. The card's certificate enters the key directory as verified by
     * {@code verifiedBy}. {@code address} overrides the card's address (e.g. a VPN address); {@code via}
     * names an active direct peer that relays to and from it instead (the peer has no link of its own).
     */
    public PeerView add(
            String cardJson,
            Fingerprint confirmed,
            String verifiedBy,
            Optional<PeerAddress> address,
            Optional<NodeId> via) {
        CheckedCard card;
        try {
            card = cards.check(cardJson);
        } catch (InvalidCardException e) {
            throw new PeerCardRefusedException(e.getMessage());
        }
        if (!card.fingerprint().equals(confirmed)) {
            throw new FingerprintMismatchException(card.fingerprint(), confirmed);
        }
        if (card.node().equals(ownNode())) {
            throw new PeerCardRefusedException("this is this node's own card");
        }
        if (via.isPresent()) {
            Peer relay = em.find(Peer.class, via.get().toString());
            if (relay == null || relay.state() != PeerState.ACTIVE || !relay.direct()) {
                throw new PeerCardRefusedException(
                        "the relay " + via.get() + " must be an active peer of this node with a link of its own");
            }
            if (via.get().equals(card.node())) {
                throw new PeerCardRefusedException("a peer cannot be its own relay");
            }
        }
        keys.importCertificate(card.organisationCertificate());
        keys.verify(card.fingerprint(), confirmed, verifiedBy);
        PeerAddress where = address.orElse(card.address());
        Peer peer = em.find(Peer.class, card.node().toString(), LockModeType.PESSIMISTIC_WRITE);
        if (peer == null) {
            peer = new Peer(
                    card.node(),
                    card.organisation(),
                    card.organisationType(),
                    card.fingerprint(),
                    where,
                    card.tls(),
                    verifiedBy,
                    clock.instant());
            em.persist(peer);
        } else {
            peer.readd(
                    card.organisation(),
                    card.organisationType(),
                    card.fingerprint(),
                    where,
                    card.tls(),
                    verifiedBy,
                    clock.instant());
        }
        via.ifPresent(peer::routeVia);
        LOG.info("AMICUS-FEDERATION-001 peer " + card.node() + " (" + card.fingerprint() + ") added "
                + via.map(v -> "via relay " + v).orElse("at " + where));
        audit.recordByCaller(
                "peer.added",
                card.node().toString(),
                null,
                "ok",
                "organisation key " + card.fingerprint() + ", verified by " + verifiedBy
                        + via.map(v -> ", via relay " + v).orElse(""));
        return view(peer, transport.links().get(peer.nodeId()));
    }

    public List<PeerView> list() {
        var links = transport.links();
        return em.createQuery("select p from Peer p order by p.organisation, p.nodeId", Peer.class)
                .getResultStream()
                .map(p -> view(p, links.get(p.nodeId())))
                .toList();
    }

    public PeerView find(NodeId node) {
        return view(peer(node), transport.links().get(node));
    }

    public PeerView suspend(NodeId node) {
        Peer p = lockedPeer(node);
        p.suspend(clock.instant());
        LOG.info("AMICUS-FEDERATION-002 peer " + node + " suspended");
        audit.recordByCaller("peer.suspended", node.toString(), null, "ok", null);
        return view(p, null);
    }

    public PeerView resume(NodeId node) {
        Peer p = lockedPeer(node);
        p.resume(clock.instant());
        LOG.info("AMICUS-FEDERATION-003 peer " + node + " resumed");
        audit.recordByCaller("peer.resumed", node.toString(), null, "ok", null);
        return view(p, null);
    }

    /** This node relays (or stops relaying) envelopes to and from {@code node}. */
    public PeerView relayFor(NodeId node, boolean relay) {
        Peer p = lockedPeer(node);
        p.relayFor(relay, clock.instant());
        LOG.info("AMICUS-FEDERATION-005 " + (relay ? "relaying" : "no longer relaying") + " for peer " + node);
        audit.recordByCaller(relay ? "peer.relayed" : "peer.unrelayed", node.toString(), null, "ok", null);
        return view(p, null);
    }

    /** Removes a peer: its link ends, and what waited for it is reported undeliverable. */
    public PeerView remove(NodeId node) {
        Peer p = lockedPeer(node);
        p.remove(clock.instant());
        int undeliverable = 0;
        for (OutgoingEnvelope e : em.createQuery(
                        "select e from OutgoingEnvelope e where e.nextHop = :hop and e.state = :queued",
                        OutgoingEnvelope.class)
                .setParameter("hop", node.toString())
                .setParameter("queued", DeliveryState.QUEUED)
                .getResultList()) {
            e.undeliverable("the recipient's node was removed as a peer", clock.instant());
            undeliverable++;
        }
        LOG.info("AMICUS-FEDERATION-004 peer " + node + " removed; " + undeliverable
                + " waiting envelopes undeliverable");
        audit.recordByCaller(
                "peer.removed", node.toString(), null, "ok", undeliverable + " waiting envelope(s) undeliverable");
        return view(p, null);
    }

    /**
     * A peer organisation's key was revoked, in the transaction that records it: nothing more goes to its node or
     * through it. What waited for it is reported undeliverable (sealed to a key its owner disowned, it must not
     * leave); {@link FederationJobs} then stops admitting the node and ends its link.
     */
    public void keyRevoked(@Observes KeyRevoked revoked) {
        for (Peer p : em.createQuery(
                        "select p from Peer p where p.fingerprint = :fp and p.state <> :removed", Peer.class)
                .setParameter("fp", revoked.fingerprint().hex())
                .setParameter("removed", PeerState.REMOVED)
                .getResultList()) {
            String node = p.nodeId().toString();
            int undeliverable = 0;
            for (OutgoingEnvelope e : em.createQuery(
                            "select e from OutgoingEnvelope e where (e.nextHop = :node or e.toNode = :node)"
                                    + " and e.state = :queued",
                            OutgoingEnvelope.class)
                    .setParameter("node", node)
                    .setParameter("queued", DeliveryState.QUEUED)
                    .getResultList()) {
                e.undeliverable(
                        e.toNode().equals(p.nodeId())
                                ? "the organisation key of the recipient's node was revoked"
                                : "the organisation key of the relay " + node + " was revoked",
                        revoked.at());
                undeliverable++;
            }
            int count = undeliverable;
            LOG.warning(() -> "AMICUS-FEDERATION-006 the key of peer " + node
                    + " was revoked: it is no longer admitted;" + " " + count + " waiting envelopes undeliverable");
        }
    }

    /** The peers the broker must know: every peer not removed that has a link of its own. */
    public List<Peer> linked() {
        return em.createQuery(
                        "select p from Peer p where p.state <> :removed and p.viaNode is null order by p.nodeId",
                        Peer.class)
                .setParameter("removed", PeerState.REMOVED)
                .getResultList();
    }

    private NodeId ownNode() {
        return em.createQuery("select n from NodeIdentity n", org.amicus.core.node.entity.NodeIdentity.class)
                .getResultStream()
                .findFirst()
                .map(org.amicus.core.node.entity.NodeIdentity::id)
                .orElseThrow();
    }

    private Peer peer(NodeId node) {
        Peer p = em.find(Peer.class, node.toString());
        if (p == null) {
            throw new PeerNotFoundException(node);
        }
        return p;
    }

    private Peer lockedPeer(NodeId node) {
        Peer p = em.find(Peer.class, node.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (p == null) {
            throw new PeerNotFoundException(node);
        }
        return p;
    }

    private PeerView view(Peer p, LinkReport link) {
        String hop = p.nodeId().toString();
        long waiting = em.createQuery(
                        "select count(e) from OutgoingEnvelope e where e.toNode = :hop and e.state = :queued",
                        Long.class)
                .setParameter("hop", hop)
                .setParameter("queued", DeliveryState.QUEUED)
                .getSingleResult();
        java.time.Instant oldest = em.createQuery(
                        "select e.createdAt from OutgoingEnvelope e where e.toNode = :hop and e.state = :queued"
                                + " order by e.createdAt",
                        java.time.Instant.class)
                .setParameter("hop", hop)
                .setParameter("queued", DeliveryState.QUEUED)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(null);
        java.time.Instant lastDelivery = em.createQuery(
                        "select e.stateAt from OutgoingEnvelope e where e.toNode = :hop and e.state = :delivered"
                                + " order by e.stateAt desc",
                        java.time.Instant.class)
                .setParameter("hop", hop)
                .setParameter("delivered", DeliveryState.DELIVERED)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(null);
        LinkReport shown = link;
        Optional<KnownKey> key = keys.lookup(p.fingerprint());
        if (p.state() != PeerState.REMOVED && key.map(KnownKey::revoked).orElse(false)) {
            shown = new LinkReport("revoked", p.changedAt(), "the organisation key of this node is revoked", 0);
        } else if (p.state() == PeerState.SUSPENDED) {
            shown = new LinkReport("suspended", p.changedAt(), "", link == null ? 0 : link.forwarded());
        } else if (p.state() == PeerState.REMOVED) {
            shown = new LinkReport("removed", p.changedAt(), "", 0);
        } else if (!p.direct()) {
            shown = new LinkReport("via " + p.via().orElseThrow(), p.changedAt(), "", 0);
        } else if (shown == null) {
            shown = new LinkReport("connecting", p.changedAt(), "", 0);
        }
        return new PeerView(
                p.nodeId(),
                p.organisation(),
                p.fingerprint(),
                p.address().toString(),
                p.tls().spkiSha256(),
                p.state(),
                p.addedAt(),
                p.addedBy(),
                p.changedAt(),
                shown,
                waiting,
                oldest,
                lastDelivery,
                p.via().orElse(null),
                p.relaysFor());
    }
}
