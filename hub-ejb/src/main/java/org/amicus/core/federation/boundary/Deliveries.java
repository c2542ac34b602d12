package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.coalition.boundary.Coalitions;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.DeliveryRefusedException;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.EnvelopeSealing;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.LinkReport;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.entity.DeliveryState;
import org.amicus.core.federation.entity.OutgoingEnvelope;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.federation.entity.ReceivedEnvelope;
import org.amicus.core.federation.entity.RefusedEnvelope;
import org.amicus.core.federation.entity.RelayedEnvelope;
import org.amicus.core.identity.boundary.ImportOutcome;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.replay.boundary.ReplayRecord;
import org.amicus.core.routing.boundary.Consents;
import org.amicus.core.routing.boundary.FederationViews;
import org.amicus.core.routing.control.ConsentMessages;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.control.Routing;
import org.amicus.core.routing.entity.InvalidMarkingException;
import org.amicus.core.routing.entity.Marking;

/**
 * The receiving side (docs/protocol/federation.md §5), called by the listener before it consumes the
 * broker message: an envelope is opened, checked against the peer that delivered it, de-duplicated and
 * stored sealed — or refused and recorded without content — and that commits; then the message is consumed.
 * Only a failure of this node (database, key not yet unlocked) leaves the message for redelivery. Receipts go back in batches, one signed receipt envelope per sender node.
 */
@Stateless
public class Deliveries {

    /** The inner document type of a delivery receipt. */
    public static final String RECEIPT_TYPE = "amicus.receipt";

    /** The inner document type of a node's own organisation certificate, sent to its peers (§3.4). */
    public static final String CERTIFICATE_TYPE = "amicus.certificate";

    static final int RECEIPT_BATCH = 500;
    static final Duration RECEIPT_LIFETIME = Duration.ofDays(30);

    private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());

    /** Looked up once: {@code Json.create…} searches the class path for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** What became of one arrival. */
    public enum Outcome {
        ACCEPTED,
        RECEIPT_APPLIED,
        /** A consent request or reply, matched and recorded. */
        CONSENT_APPLIED,
        /** A coalition's roster chain, checked and merged (or already held). */
        ROSTER_APPLIED,
        /** A peer's newer certificate (new subkey, revocation) merged into the key directory. */
        CERTIFICATE_APPLIED,
        DUPLICATE,
        REFUSED,
        /** Forwarded unread to the next hop (this node relays for the sender or the recipient). */
        RELAYED
    }

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    EnvelopeSealing sealing;

    @Inject
    FederationTransport transport;

    @Inject
    ReplayRecord replay;

    @Inject
    KeyDirectory keys;

    @Inject
    NodeService node;

    /** This node's id (it never changes). */
    private NodeId self;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    Coalitions coalitions;

    @Inject
    FederationViews views;

    @Inject
    Consents consents;

    @Inject
    Messages messages;

    @Inject
    org.amicus.core.cooperation.boundary.CooperationRequests cooperation;

    @Inject
    org.amicus.core.submission.boundary.SubmissionArrivals submissions;

    /** The inner document types of submissions and what follows them (federation.md §3.8). */
    static final java.util.Set<String> SUBMISSION_TYPES = java.util.Set.of(
            org.amicus.core.submission.control.SubmissionMessages.SUBMISSION_TYPE,
            org.amicus.core.submission.control.SubmissionMessages.RECEIPT_TYPE,
            org.amicus.core.submission.control.SubmissionMessages.FEEDBACK_TYPE,
            org.amicus.core.submission.control.SubmissionMessages.WITHDRAWAL_TYPE,
            org.amicus.core.submission.control.SubmissionMessages.JOINT_TYPE,
            org.amicus.core.submission.control.SubmissionMessages.RECEIPT_FORWARD_TYPE,
            org.amicus.core.submission.control.SubmissionMessages.HELD_BACK_TYPE);

    @Inject
    org.amicus.core.alert.boundary.Alerts alerts;

    /** The inner document types of security alerts and their acknowledgements (federation.md §3.9). */
    static final java.util.Set<String> ALERT_TYPES = java.util.Set.of(
            org.amicus.core.alert.control.AlertMessages.ALERT_TYPE,
            org.amicus.core.alert.control.AlertMessages.ACK_TYPE);

    @Inject
    org.amicus.core.bulletin.boundary.Bulletins bulletins;

    /** The inner document types of bulletins, read reports, series and subscriptions (federation.md §3.10). */
    static final java.util.Set<String> BULLETIN_TYPES = java.util.Set.of(
            org.amicus.core.bulletin.control.BulletinMessages.BULLETIN_TYPE,
            org.amicus.core.bulletin.control.BulletinMessages.READ_TYPE,
            org.amicus.core.bulletin.control.BulletinMessages.SERIES_TYPE,
            org.amicus.core.bulletin.control.BulletinMessages.SUBSCRIPTION_TYPE);

    /** The inner document types of cooperation requests and their events (federation.md §3.7). */
    static final String COOPERATION_TYPES = "amicus.cooperation.";

    /**
     * One envelope as a peer delivered it. {@code viaPeer} is the peer the broker authenticated (by its
     * TLS key); absent for a delivery that did not come from a peer.
     *
     * <p>Commits in a transaction of its own, before the listener acknowledges the broker message (ADR 11): the
     * database alone in one transaction and the broker alone in the other, so no crash can leave a branch of
     * either in doubt. A crash between the two redelivers the message, and this method, idempotent by envelope
     * id, answers {@link Outcome#DUPLICATE}: stored once, consumed once.
     *
     * <p>{@code attempt} is which sending of its origin's this is (0 the first, n its n-th resend for want of a
     * receipt, as the delivering peer's broker message says); only a relay reads it, to forward a later sending
     * once more (federation.md §6).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome receive(byte[] wire, Optional<NodeId> viaPeer, int attempt) {
        Instant now = clock.instant();
        Optional<EnvelopeSealing.Peeked> peeked = sealing.peek(wire);
        Optional<UUID> id = peeked.map(EnvelopeSealing.Peeked::id);
        Optional<NodeId> claimedSender = peeked.map(EnvelopeSealing.Peeked::fromNode);
        if (viaPeer.isEmpty() || !isActivePeer(viaPeer.get())) {
            return refuse(id.orElse(null), claimedSender, viaPeer, "not-a-peer", wire.length, now);
        }
        String sha256 = sealing.sha256(wire);
        if (peeked.isPresent()) {
            NodeId self = self();
            List<NodeId> onward =
                    peeked.get().toNodes().stream().filter(n -> !n.equals(self)).toList();
            if (!onward.isEmpty()) {
                Optional<Outcome> relayed =
                        relay(peeked.get(), wire, sha256, viaPeer.get(), onward, Math.max(0, attempt), now);
                if (!peeked.get().toNodes().contains(self)) {
                    return relayed.orElseGet(
                            () -> refuse(id.get(), claimedSender, viaPeer, "not-relayed", wire.length, now));
                }
            }
        }
        if (id.isPresent()) {
            ReceivedEnvelope known = em.find(ReceivedEnvelope.class, id.get().toString());
            if (known != null) {
                if (known.sha256().equals(sha256)) {
                    LOG.fine(() -> "AMICUS-FEDERATION-020 envelope " + id.get() + " arrived again; already stored");
                    known.receiptAgain(); // its sender may be sending it again for want of the receipt
                    return Outcome.DUPLICATE;
                }
                return refuse(id.get(), claimedSender, viaPeer, "replayed", wire.length, now);
            }
            if (claimedSender.isPresent() && deliversFor(viaPeer.get(), claimedSender.get()) && replay.seen(id.get())) {
                // opened before and not kept (a receipt, applied once) arriving again from its sender, e.g.
                // by network after it came in a bundle: nothing to do
                LOG.fine(() -> "AMICUS-FEDERATION-020 envelope " + id.get() + " arrived again; already applied");
                return Outcome.DUPLICATE;
            }
        }
        Delivery delivery;
        try {
            delivery = sealing.open(wire);
        } catch (DeliveryRefusedException e) {
            // the reason names keys and times only, never content (envelope.md §6)
            LOG.info(() -> "AMICUS-FEDERATION-026 envelope "
                    + id.map(UUID::toString).orElse("(unreadable)") + " refused because " + e.getMessage());
            return refuse(id.orElse(null), claimedSender, viaPeer, e.kind(), wire.length, now);
        }
        if (!deliversFor(viaPeer.get(), delivery.fromNode())) {
            // only the sender itself, or the relay this node reaches the sender through, delivers its envelopes
            return refuse(delivery.id(), Optional.of(delivery.fromNode()), viaPeer, "wrong-peer", wire.length, now);
        }
        if (RECEIPT_TYPE.equals(delivery.content().type())) {
            applyReceipt(delivery, now);
            return Outcome.RECEIPT_APPLIED;
        }
        if (CERTIFICATE_TYPE.equals(delivery.content().type())) {
            // only the sender's own key, and only what its primary key certified (KeyDirectory's rules)
            Optional<ImportOutcome.Result> merged = keys.refreshFromOwner(
                    delivery.sender(), delivery.content().body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            LOG.info(() -> "AMICUS-FEDERATION-028 certificate of " + delivery.fromNode() + " received: "
                    + merged.map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                            .orElse("refused"));
            return Outcome.CERTIFICATE_APPLIED;
        }
        if (Coalitions.ROSTER_TYPE.equals(delivery.content().type())) {
            Coalitions.Admission admitted = coalitions.admit(delivery.content().body());
            if (admitted.refused().isPresent()) {
                LOG.warning("AMICUS-COALITION-004 roster from node " + delivery.fromNode() + " refused: "
                        + admitted.reason());
                return refuse(
                        delivery.id(),
                        Optional.of(delivery.fromNode()),
                        viaPeer,
                        "roster-"
                                + admitted.refused()
                                        .get()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', '-'),
                        wire.length,
                        now);
            }
            if (!admitted.joinedWithHistory().isEmpty()) {
                messages.sendHistory(admitted.coalition().get(), admitted.joinedWithHistory());
            }
            if (admitted.applied() > 0) {
                audit.record(
                        AuditLog.peer(viaPeer.get()),
                        "coalition.roster.admitted",
                        delivery.id().toString(),
                        null,
                        "ok",
                        admitted.applied() + " new roster event(s) from node " + delivery.fromNode());
            }
            return Outcome.ROSTER_APPLIED;
        }
        if (ConsentMessages.REQUEST_TYPE.equals(delivery.content().type())
                || ConsentMessages.REPLY_TYPE.equals(delivery.content().type())) {
            Optional<String> refused =
                    ConsentMessages.REQUEST_TYPE.equals(delivery.content().type())
                            ? consents.admitRequest(delivery)
                            : consents.admitReply(delivery);
            if (refused.isPresent()) {
                return refuse(
                        delivery.id(), Optional.of(delivery.fromNode()), viaPeer, refused.get(), wire.length, now);
            }
            return Outcome.CONSENT_APPLIED;
        }
        // need-to-know, re-checked by this node's own view: refused (and reported to the sender) if not for it
        String marking = delivery.content().marking();
        String entitled = entitlement(marking, delivery.fromNode());
        if (entitled != null) {
            LOG.warning("AMICUS-ROUTING-001 envelope " + delivery.id() + " from node " + delivery.fromNode()
                    + " refused: " + entitled);
            return refuse(delivery.id(), Optional.of(delivery.fromNode()), viaPeer, entitled, wire.length, now);
        }
        boolean cooperationStep = delivery.content().type().startsWith(COOPERATION_TYPES);
        boolean submissionStep = SUBMISSION_TYPES.contains(delivery.content().type());
        boolean alertStep = ALERT_TYPES.contains(delivery.content().type());
        boolean bulletinStep = BULLETIN_TYPES.contains(delivery.content().type());
        if (cooperationStep || submissionStep || alertStep || bulletinStep) {
            // recorded in the request's chain, the submission or the alert; the envelope itself is kept below as the
            // signed original
            Optional<String> refused = cooperationStep
                    ? cooperation.admit(delivery)
                    : submissionStep
                            ? submissions.admit(delivery)
                            : alertStep ? alerts.admit(delivery) : bulletins.admit(delivery);
            if (refused.isPresent()) {
                return refuse(
                        delivery.id(), Optional.of(delivery.fromNode()), viaPeer, refused.get(), wire.length, now);
            }
        }
        em.persist(new ReceivedEnvelope(
                        delivery.id(),
                        delivery.fromNode(),
                        delivery.sender(),
                        viaPeer.get(),
                        delivery.created(),
                        delivery.expires(),
                        now,
                        delivery.priority(),
                        sha256,
                        wire,
                        marking)
                .forWorkflow(
                        cooperationStep
                                ? "cooperation"
                                : submissionStep
                                        ? "submission"
                                        : alertStep ? "alert" : bulletinStep ? "bulletin" : null));
        LOG.fine(() -> "AMICUS-FEDERATION-021 envelope " + delivery.id() + " received from " + delivery.fromNode());
        audit.record(
                AuditLog.peer(viaPeer.get()),
                "envelope.accepted",
                delivery.id().toString(),
                null,
                "ok",
                "from node " + delivery.fromNode() + ", " + wire.length + " bytes, stored sealed");
        return Outcome.ACCEPTED;
    }

    /** One envelope as a peer delivered it, for {@link #receiveAll}: its origin's {@code attempt}-th sending. */
    public record Arrival(byte[] wire, Optional<NodeId> viaPeer, int attempt) {}

    /**
     * Several envelopes that arrived at the same moment, received in one new transaction: one commit (one disk
     * sync) for all, each exactly as {@link #receive} would, results in order. If any fails, nothing of the group
     * commits and the caller receives each alone ({@code GroupCommit}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Outcome> receiveAll(List<Arrival> arrivals) {
        List<Outcome> outcomes = new java.util.ArrayList<>(arrivals.size());
        for (Arrival a : arrivals) {
            outcomes.add(receive(a.wire(), a.viaPeer(), a.attempt()));
        }
        em.flush(); // a duplicate key fails here, inside the group, not at commit
        return outcomes;
    }

    /**
     * Envelopes carried in a bundle from {@code fromPeer} (already verified as that peer's), received in
     * one new transaction exactly as if the peer had delivered them over the network.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Outcome> receiveCarried(List<byte[]> wires, NodeId fromPeer) {
        return wires.stream().map(w -> receive(w, Optional.of(fromPeer), 0)).toList();
    }

    /**
     * Seals and queues receipts for envelopes received and not yet receipted: one receipt envelope per
     * sender node, up to {@value #RECEIPT_BATCH} envelopes each. Returns how many envelopes it covered.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sendPendingReceipts() {
        List<ReceivedEnvelope> pending = em.createQuery(
                        "select r from ReceivedEnvelope r where r.receiptSentAt is null order by r.receivedAt",
                        ReceivedEnvelope.class)
                .setMaxResults(RECEIPT_BATCH)
                .getResultList();
        List<RefusedEnvelope> refusals = em.createQuery(
                        "select r from RefusedEnvelope r where r.reportSentAt is null and r.envelopeId is not null"
                                + " and r.fromNode = r.viaPeer order by r.refusedAt",
                        RefusedEnvelope.class)
                .setMaxResults(RECEIPT_BATCH)
                .getResultList();
        if (pending.isEmpty() && refusals.isEmpty()) {
            return 0;
        }
        Map<NodeId, List<ReceivedEnvelope>> received = new LinkedHashMap<>();
        pending.forEach(r -> received.computeIfAbsent(r.fromNode(), n -> new java.util.ArrayList<>())
                .add(r));
        Map<NodeId, List<RefusedEnvelope>> refused = new LinkedHashMap<>();
        refusals.forEach(r -> refused.computeIfAbsent(NodeId.parse(r.fromNode()), n -> new java.util.ArrayList<>())
                .add(r));
        java.util.Set<NodeId> senders = new java.util.LinkedHashSet<>(received.keySet());
        senders.addAll(refused.keySet());
        Instant now = clock.instant();
        int covered = 0;
        for (NodeId sender : senders) {
            List<ReceivedEnvelope> ok = received.getOrDefault(sender, List.of());
            List<RefusedEnvelope> no = refused.getOrDefault(sender, List.of());
            Peer peer = em.find(Peer.class, sender.toString());
            if (peer == null || peer.state() == PeerState.REMOVED) {
                ok.forEach(r -> r.receiptSent(now)); // no one to tell any more
                no.forEach(r -> r.reported(now));
                continue;
            }
            JsonArrayBuilder items = JSON.createArrayBuilder();
            for (ReceivedEnvelope r : ok) {
                items.add(JSON.createObjectBuilder()
                        .add("envelope", r.envelopeId().toString())
                        .add("sha256", r.sha256())
                        .add("receivedAt", r.receivedAt().toString()));
            }
            JsonArrayBuilder refusedItems = JSON.createArrayBuilder();
            for (RefusedEnvelope r : no) {
                refusedItems.add(JSON.createObjectBuilder()
                        .add("envelope", r.envelopeId())
                        .add("kind", r.kind())
                        .add("refusedAt", r.refusedAt().toString()));
            }
            String body = JSON.createObjectBuilder()
                    .add("v", 1)
                    .add("received", items)
                    .add("refused", refusedItems)
                    .build()
                    .toString();
            var sealed = sealing.seal(
                    new Draft(RECEIPT_TYPE, "delivery receipt", body, "normal", RECEIPT_LIFETIME),
                    List.of(new Addressee(peer.nodeId(), peer.fingerprint())));
            transport.send(peer.nextHop(), sealed);
            ok.forEach(r -> r.receiptSent(now));
            no.forEach(r -> r.reported(now));
            covered += ok.size() + no.size();
        }
        return covered;
    }

    /** How long a sender waits for a receipt before it sends an envelope again (doubled at each attempt). */
    static final Duration RESEND_AFTER = Duration.ofSeconds(Long.getLong("amicus.federation.resend-after-seconds", 60));

    /**
     * Sends again what got no receipt in time (federation.md §5): end to end, whatever lost it on the way (a
     * crash at the wrong moment, a message an operator removed). Only over a link that has been up for at least
     * half the waiting time, so an envelope still on its way is not doubled while a peer is away; the receiver
     * recognises the envelope by its id and answers with the receipt again. Returns how many went again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int resendUnacknowledged() {
        Instant now = clock.instant();
        Map<NodeId, LinkReport> links = transport.links();
        List<OutgoingEnvelope> candidates = em.createQuery(
                        "select e from OutgoingEnvelope e where e.state = :queued and e.sentAt <= :before"
                                + " order by e.sentAt",
                        OutgoingEnvelope.class)
                .setParameter("queued", DeliveryState.QUEUED)
                .setParameter("before", now.minus(RESEND_AFTER))
                .setMaxResults(500)
                .getResultList();
        java.util.Set<String> sent = new java.util.HashSet<>();
        int count = 0;
        for (OutgoingEnvelope e : candidates) {
            if (!e.resendDue(now, RESEND_AFTER)) {
                continue;
            }
            LinkReport link = links.get(e.nextHop());
            if (link == null
                    || !"connected".equals(link.state())
                    || link.since() == null
                    || link.since().plus(RESEND_AFTER.dividedBy(2)).isAfter(now)) {
                continue;
            }
            Peer hop = em.find(Peer.class, e.nextHop().toString());
            if (hop == null || !hop.acceptsEnvelopes()) {
                continue;
            }
            int attempt = e.resent(now);
            if (sent.add(e.envelopeId() + "@" + e.nextHop())) { // one copy per next hop, as when first sent
                transport.resend(
                        e.nextHop(),
                        new SealedEnvelope(
                                e.envelopeId(), e.wire(), e.createdAt(), e.expiresAt(), e.priority(), e.sha256()),
                        attempt);
                audit.record(
                        AuditLog.NODE,
                        "envelope.resent",
                        e.envelopeId().toString(),
                        null,
                        "ok",
                        "attempt " + attempt + " via node " + e.nextHop() + ": no receipt yet");
                count++;
            }
        }
        if (count > 0) {
            int n = count;
            LOG.info(() -> "AMICUS-FEDERATION-029 " + n + " envelope(s) sent again: no receipt within "
                    + RESEND_AFTER.toSeconds() + " s or more of the last sending");
        }
        return count;
    }

    /** Marks envelopes whose expiry passed with no receipt as expired, not delivered. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expireOverdue() {
        Instant now = clock.instant();
        List<OutgoingEnvelope> overdue = em.createQuery(
                        "select e from OutgoingEnvelope e where e.state = :queued and e.expiresAt <= :now",
                        OutgoingEnvelope.class)
                .setParameter("queued", DeliveryState.QUEUED)
                .setParameter("now", now)
                .setMaxResults(1000)
                .getResultList();
        overdue.forEach(e -> e.expire(now));
        em.createQuery("delete from RelayedEnvelope r where r.expiresAt < :before")
                .setParameter("before", now.minus(Duration.ofDays(1)))
                .executeUpdate();
        return overdue.size();
    }

    private void applyReceipt(Delivery receipt, Instant now) {
        JsonObject body;
        try {
            body = JSON.createReader(new StringReader(receipt.content().body())).readObject();
        } catch (RuntimeException e) {
            LOG.warning("AMICUS-FEDERATION-022 unreadable receipt " + receipt.id() + " from " + receipt.fromNode());
            return;
        }
        int confirmed = 0;
        for (JsonValue v : body.getJsonArray("received")) {
            JsonObject item = v.asJsonObject();
            List<OutgoingEnvelope> rows = em.createQuery(
                            "select e from OutgoingEnvelope e where e.envelopeId = :id and e.toNode = :node",
                            OutgoingEnvelope.class)
                    .setParameter("id", item.getString("envelope"))
                    .setParameter("node", receipt.fromNode().toString())
                    .getResultList();
            for (OutgoingEnvelope row : rows) {
                if (row.confirmDelivered(item.getString("sha256"), Instant.parse(item.getString("receivedAt")))) {
                    confirmed++;
                } else {
                    LOG.warning("AMICUS-FEDERATION-023 node " + receipt.fromNode() + " confirmed envelope "
                            + row.envelopeId() + " with other bytes than were sent");
                }
            }
        }
        JsonValue refusedList = body.get("refused");
        if (refusedList instanceof jakarta.json.JsonArray refusedItems) {
            for (JsonValue v : refusedItems) {
                JsonObject item = v.asJsonObject();
                // by the recipient, or by the relay it was queued for (which tells only about its own hop)
                em.createQuery(
                                "select e from OutgoingEnvelope e where e.envelopeId = :id"
                                        + " and (e.toNode = :node or e.nextHop = :node)",
                                OutgoingEnvelope.class)
                        .setParameter("id", item.getString("envelope"))
                        .setParameter("node", receipt.fromNode().toString())
                        .getResultList()
                        .forEach(row -> row.reject(
                                (row.toNode().equals(receipt.fromNode())
                                                ? "refused by the recipient node: "
                                                : "refused by the relay " + receipt.fromNode() + ": ")
                                        + item.getString("kind"),
                                now));
                LOG.warning("AMICUS-FEDERATION-027 node " + receipt.fromNode() + " refused envelope "
                        + item.getString("envelope") + ": " + item.getString("kind"));
            }
        }
        int n = confirmed;
        LOG.fine(() -> "AMICUS-FEDERATION-024 receipt from " + receipt.fromNode() + " confirmed " + n + " envelopes");
    }

    /**
     * Forwards an envelope that names other nodes to those this node relays to: each an active peer with
     * a link of its own (not the one it came from), where this node relays for it or for the peer that
     * delivered it. The bytes go on unchanged (this node cannot read them), each once for each sending of its
     * origin: a redelivery is not forwarded again, a resend of the origin's (a later {@code attempt}) is, since
     * what was lost may have been lost after this relay. Empty if no recipient may be relayed to.
     */
    private Optional<Outcome> relay(
            EnvelopeSealing.Peeked header,
            byte[] wire,
            String sha256,
            NodeId from,
            List<NodeId> onward,
            int attempt,
            Instant now) {
        Peer delivering = em.find(Peer.class, from.toString());
        boolean permitted = false;
        int forwarded = 0;
        for (NodeId target : onward) {
            if (target.equals(from)) {
                continue;
            }
            if (!Peer.relayable(delivering, em.find(Peer.class, target.toString()))) {
                continue;
            }
            permitted = true;
            RelayedEnvelope before = em.find(RelayedEnvelope.class, RelayedEnvelope.key(header.id(), target));
            if (before != null && before.forwarded(attempt)) {
                continue; // forwarded before: the same sending arrived again
            }
            if (!header.expires().isAfter(now)) {
                LOG.info(() -> "AMICUS-FEDERATION-071 envelope " + header.id() + " for " + target
                        + " expired before it could be relayed");
                continue;
            }
            if (before == null) {
                em.persist(new RelayedEnvelope(
                        header.id(), target, header.fromNode(), from, wire.length, header.expires(), now, attempt));
            } else {
                before.forwardedAgain(attempt);
                LOG.info(() -> "AMICUS-FEDERATION-072 envelope " + header.id() + " for " + target
                        + " relayed again: its sender's resend " + attempt);
            }
            SealedEnvelope onwards = new SealedEnvelope(
                    header.id(), wire, header.created(), header.expires(), header.priority(), sha256);
            if (attempt == 0) {
                transport.send(target, onwards);
            } else {
                transport.resend(target, onwards, attempt); // under a duplicate id of its own, as the origin's
            }
            forwarded++;
        }
        if (!permitted) {
            return Optional.empty();
        }
        int n = forwarded;
        LOG.fine(() -> "AMICUS-FEDERATION-070 envelope " + header.id() + " from " + header.fromNode() + " relayed to "
                + n + " nodes");
        return Optional.of(forwarded > 0 ? Outcome.RELAYED : Outcome.DUPLICATE);
    }

    /** Whether {@code via} may deliver envelopes of {@code sender}: it is the sender, or the sender's relay. */
    private boolean deliversFor(NodeId via, NodeId sender) {
        if (via.equals(sender)) {
            return true;
        }
        Peer p = em.find(Peer.class, sender.toString());
        return p != null && p.reachedThrough(via);
    }

    private NodeId self() {
        NodeId n = self;
        if (n == null) {
            n = node.ensureIdentity();
            self = n;
        }
        return n;
    }

    /**
     * Null if this organisation may hold a message {@code fromNode} sent under {@code marking}, by this node's
     * own view of the federation; otherwise the refusal's kind.
     */
    private String entitlement(String marking, NodeId fromNode) {
        if (marking.isEmpty()) {
            return "unmarked";
        }
        Marking parsed;
        try {
            parsed = MarkingJson.parse(marking);
        } catch (InvalidMarkingException e) {
            return "marking-invalid";
        }
        return Routing.mayReceive(parsed, Organisations.of(fromNode), Organisations.of(self()), views.current())
                ? null
                : "not-entitled";
    }

    private boolean isActivePeer(NodeId node) {
        Peer p = em.find(Peer.class, node.toString());
        return p != null && p.state() == PeerState.ACTIVE;
    }

    private Outcome refuse(
            UUID envelopeId, Optional<NodeId> fromNode, Optional<NodeId> viaPeer, String kind, int size, Instant now) {
        em.persist(new RefusedEnvelope(
                envelopeId,
                fromNode.map(NodeId::toString).orElse(null),
                viaPeer.map(NodeId::toString).orElse(null),
                kind,
                size,
                now));
        LOG.warning("AMICUS-FEDERATION-025 envelope " + (envelopeId == null ? "(unreadable)" : envelopeId) + " of "
                + size + " bytes from " + viaPeer.map(NodeId::toString).orElse("(no peer)") + " refused: " + kind);
        audit.record(
                viaPeer.map(AuditLog::peer).orElse("unauthenticated"),
                "envelope.refused",
                envelopeId == null ? null : envelopeId.toString(),
                null,
                "refused",
                kind + ", " + size + " bytes");
        return Outcome.REFUSED;
    }

    /** Refusals recorded, newest first (for the operator). */
    public List<RefusedEnvelope> refused(int limit) {
        return em.createQuery("select r from RefusedEnvelope r order by r.refusedAt desc", RefusedEnvelope.class)
                .setMaxResults(Math.max(1, Math.min(limit, 1000)))
                .getResultList();
    }
}
