package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Content;
import org.amicus.core.federation.control.DeliveryRefusedException;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.EnvelopeSealing;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.entity.OutgoingEnvelope;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.ReceivedEnvelope;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.node.entity.NodeId;

/**
 * Sending an envelope to peer nodes and following it; reading what arrived. Sealing, the outgoing
 * rows and the queueing for each peer happen in one transaction: all or nothing.
 */
@Stateless
public class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    EnvelopeSealing sealing;

    @Inject
    FederationTransport transport;

    @Inject
    KeyDirectory keys;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** The most messages {@link #sendAll} takes at once. */
    public static final int MAX_BATCH = 500;

    /** A message to send: what it says and the nodes it goes to. */
    public record Outgoing(Draft draft, List<NodeId> to) {
        public Outgoing {
            to = List.copyOf(to);
        }
    }

    /** Seals {@code draft} once for all {@code to} nodes and queues it for each. */
    public SentView send(Draft draft, List<NodeId> to) {
        SentView sent = queue(draft, to, "");
        em.flush();
        return sent;
    }

    /**
     * Seals and queues several messages in one transaction: all of them or, if any cannot be sent (its
     * recipient is not a peer, say), none, with the refusal naming the message by its position. One
     * request and one transaction for many messages: what a client with a backlog (an import, a
     * coordinator's outbox after a week offline) should use.
     */
    public List<SentView> sendAll(List<Outgoing> batch) {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH + " messages");
        }
        List<SentView> sent = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            sent.add(queue(batch.get(i).draft(), batch.get(i).to(), "message " + i + ": "));
        }
        em.flush();
        return sent;
    }

    private SentView queue(Draft draft, List<NodeId> to, String which) {
        if (to.isEmpty()) {
            throw new UnknownRecipientException(which + "a message needs at least one recipient node");
        }
        List<Addressee> addressees = new ArrayList<>();
        java.util.Map<NodeId, NodeId> hops = new java.util.LinkedHashMap<>();
        for (NodeId node : new LinkedHashSet<>(to)) {
            Peer peer = em.find(Peer.class, node.toString());
            if (peer == null || !peer.acceptsEnvelopes()) {
                throw new UnknownRecipientException(which + "node " + node + " is not a peer of this node"
                        + (peer == null ? "" : " any more") + "; nothing was sent");
            }
            if (keys.lookup(peer.fingerprint()).map(k -> k.revoked()).orElse(true)) {
                throw new UnknownRecipientException(
                        which + "the organisation key of node " + node + " is revoked or unknown; nothing was sent");
            }
            if (!peer.direct()) {
                Peer relay = em.find(Peer.class, peer.nextHop().toString());
                if (relay == null || !relay.acceptsEnvelopes()) {
                    throw new UnknownRecipientException(which + "node " + node + " is reached through " + peer.nextHop()
                            + ", which is no longer a peer; nothing was sent");
                }
            }
            addressees.add(new Addressee(node, peer.fingerprint()));
            hops.put(node, peer.nextHop());
        }
        SealedEnvelope sealed = sealing.seal(draft, addressees);
        List<OutgoingEnvelope> rows = new ArrayList<>();
        for (Addressee a : addressees) {
            OutgoingEnvelope row = new OutgoingEnvelope(
                    sealed.id(),
                    a.node(),
                    hops.get(a.node()),
                    sealed.created(),
                    sealed.expires(),
                    sealed.priority(),
                    sealed.wire().length,
                    sealed.sha256(),
                    sealed.wire());
            em.persist(row);
            rows.add(row);
        }
        // once per next hop: a relay forwards one copy to each of the recipients it serves
        new LinkedHashSet<>(hops.values()).forEach(hop -> transport.send(hop, sealed));
        LOG.fine(() -> "AMICUS-FEDERATION-010 envelope " + sealed.id() + " queued for " + addressees.size() + " nodes");
        audit.recordByCaller(
                "message.sent",
                sealed.id().toString(),
                null,
                "ok",
                "to " + addressees.size() + " node(s), " + sealed.wire().length + " bytes sealed");
        return view(sealed.id(), rows); // the rows just written: no need to read them back
    }

    public Optional<SentView> status(UUID envelopeId) {
        List<OutgoingEnvelope> rows = em.createQuery(
                        "select e from OutgoingEnvelope e where e.envelopeId = :id order by e.toNode",
                        OutgoingEnvelope.class)
                .setParameter("id", envelopeId.toString())
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(view(envelopeId, rows));
    }

    private static SentView view(UUID envelopeId, List<OutgoingEnvelope> rows) {
        OutgoingEnvelope first = rows.get(0);
        return new SentView(
                envelopeId,
                first.createdAt(),
                first.expiresAt(),
                first.priority(),
                rows.stream()
                        .sorted(java.util.Comparator.comparing(r -> r.toNode().toString()))
                        .map(r -> new SentView.Recipient(r.toNode(), r.state(), r.stateAt(), r.detail()))
                        .toList());
    }

    /** The most recent received envelopes, newest first. */
    public List<ReceivedView> received(int limit) {
        return em.createQuery("select r from ReceivedEnvelope r order by r.receivedAt desc", ReceivedEnvelope.class)
                .setMaxResults(Math.max(1, Math.min(limit, 1000)))
                .getResultStream()
                .map(Messages::view)
                .toList();
    }

    public Optional<ReceivedView> findReceived(UUID envelopeId) {
        return Optional.ofNullable(em.find(ReceivedEnvelope.class, envelopeId.toString()))
                .map(Messages::view);
    }

    /** Opens a received envelope for reading; its content is never stored in clear. */
    public Optional<Content> read(UUID envelopeId) {
        ReceivedEnvelope r = em.find(ReceivedEnvelope.class, envelopeId.toString());
        if (r == null) {
            return Optional.empty();
        }
        try {
            Optional<Content> content = Optional.of(sealing.reopen(r.wire(), r.receivedAt()));
            audit.recordByCaller("content.displayed", envelopeId.toString(), null, "ok", "received message opened");
            return content;
        } catch (DeliveryRefusedException e) {
            throw new IllegalStateException(
                    "AMICUS-FEDERATION-011 stored envelope " + envelopeId + " no longer opens: " + e.kind(), e);
        }
    }

    static ReceivedView view(ReceivedEnvelope r) {
        return new ReceivedView(
                r.envelopeId(),
                r.fromNode(),
                r.sender(),
                r.viaPeer(),
                r.createdAt(),
                r.expiresAt(),
                r.receivedAt(),
                r.priority(),
                r.size(),
                r.sha256(),
                r.receiptSentAt());
    }
}
