package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.coalition.entity.HistoryCopy;
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
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.routing.boundary.Consents;
import org.amicus.core.routing.boundary.FederationViews;
import org.amicus.core.routing.boundary.ReshareRefusedException;
import org.amicus.core.routing.control.FederationView;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.control.Routing;
import org.amicus.core.routing.control.RoutingRefusedException;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.InvalidMarkingException;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.ReshareDecision;
import org.amicus.core.routing.entity.TlpLevel;

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

    @Inject
    Organisations organisations;

    @Inject
    FederationViews views;

    @Inject
    Consents consents;

    @Inject
    org.amicus.core.coalition.boundary.Coalitions coalitions;

    @Inject
    org.amicus.core.federation.control.ContentVault vault;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /**
     * A message to send: what it says, and either its marking (whose distribution routing turns into the
     * recipients) or the nodes it goes to (then it is marked TLP:AMBER for exactly their organisations).
     */
    public record Outgoing(Draft draft, List<NodeId> to, Optional<Marking> marking) {
        public Outgoing {
            to = List.copyOf(to);
            marking = marking == null ? Optional.empty() : marking;
        }

        public Outgoing(Draft draft, List<NodeId> to) {
            this(draft, to, Optional.empty());
        }
    }

    /** Seals {@code draft} once for all {@code to} nodes (marked TLP:AMBER for them) and queues it for each. */
    public SentView send(Draft draft, List<NodeId> to) {
        return send(new Outgoing(draft, to));
    }

    /** Routes, seals and queues one message. */
    public SentView send(Outgoing message) {
        SentView sent = route(message, null, "");
        em.flush();
        return sent;
    }

    /**
     * The recipients, by need-to-know routing: from the marking and this node's current view of the federation,
     * or (no marking) the nodes named, marked TLP:AMBER for exactly their organisations.
     */
    private SentView route(Outgoing message, FederationView[] view, String which) {
        if (message.marking().isEmpty()) {
            Set<OrgId> named = new LinkedHashSet<>();
            message.to().forEach(n -> named.add(Organisations.of(n)));
            Marking amber = named.isEmpty()
                    ? null
                    : new Marking(
                            TlpLevel.AMBER, new Distribution.NamedOrganisations(named), Set.of(), Conditions.NONE);
            return queue(message.draft(), message.to(), which, amber);
        }
        if (!message.to().isEmpty()) {
            throw new InvalidMarkingException(
                    which + "give either \"to\" or a marking whose distribution names the" + " recipients, not both");
        }
        Marking marking = message.marking().get();
        if (view != null && view[0] == null) {
            view[0] = views.current();
        }
        FederationView current = view == null ? views.current() : view[0];
        Set<OrgId> recipients;
        try {
            recipients = Routing.recipients(marking, organisations.self(), current);
        } catch (RoutingRefusedException e) {
            throw new RoutingRefusedException(which + e.getMessage());
        }
        if (recipients.isEmpty()) {
            throw new RoutingRefusedException(which + "the marking's distribution ("
                    + marking.distribution().describe() + ") reaches no other organisation: nothing would leave"
                    + " this node");
        }
        List<NodeId> to = recipients.stream()
                .map(Organisations::nodeOf)
                .sorted(java.util.Comparator.comparing(NodeId::toString))
                .toList();
        SentView sent = queue(message.draft(), to, which, marking);
        keepForNewMembers(message.draft(), marking, sent.envelopeId());
        return sent;
    }

    /**
     * The organisations {@code marking} reaches from this organisation by need-to-know routing and this node's
     * current view of the federation; refused if none.
     */
    public Set<OrgId> recipients(Marking marking) {
        Set<OrgId> recipients = Routing.recipients(marking, organisations.self(), views.current());
        if (recipients.isEmpty()) {
            throw new RoutingRefusedException(
                    "the marking's distribution (" + marking.distribution().describe()
                            + ") reaches no other organisation: nothing would leave this node");
        }
        return recipients;
    }

    /**
     * Seals {@code draft} under {@code marking} once for exactly the organisations {@code to} (which the caller
     * routed, see {@link #recipients}) and queues it for each: a workflow's own documents (cooperation requests
     * and their steps), never kept for new coalition members.
     */
    public SentView sendTo(Draft draft, Set<OrgId> to, Marking marking) {
        List<NodeId> nodes = to.stream()
                .map(Organisations::nodeOf)
                .sorted(java.util.Comparator.comparing(NodeId::toString))
                .toList();
        return queue(draft, nodes, "", marking);
    }

    /**
     * Keeps {@code draft}, sealed in the content vault, for each coalition of its distribution that shows its
     * history to new members: they get it when they join ({@link #sendHistory}).
     */
    private void keepForNewMembers(Draft draft, Marking marking, UUID sent) {
        if (!(marking.distribution() instanceof Distribution.Coalitions c) || !"amicus.message".equals(draft.type())) {
            return;
        }
        for (CoalitionId id : c.coalitions()) {
            if (coalitions.roster(id).map(r -> r.historyForNewMembers()).orElse(false)) {
                byte[] kept = jakarta.json.spi.JsonProvider.provider()
                        .createObjectBuilder()
                        .add("type", draft.type())
                        .add("subject", draft.subject())
                        .add("body", draft.body())
                        .add("priority", draft.priority())
                        .add("timeToLive", draft.timeToLive().toString())
                        .add("marking", MarkingJson.toText(marking))
                        .build()
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                em.persist(new HistoryCopy(id, sent, vault.seal(kept), clock.instant()));
            }
        }
    }

    /**
     * Sends what this organisation sent to {@code coalition} before to the organisations that have just joined
     * it (a coalition that shows its history to new members), each as a new message marked for that coalition
     * alone. Runs when this node admits their acceptance; returns how many messages were queued.
     */
    public int sendHistory(CoalitionId coalition, Set<OrgId> joined) {
        List<NodeId> to = joined.stream()
                .filter(organisations::reachable)
                .map(Organisations::nodeOf)
                .sorted(java.util.Comparator.comparing(NodeId::toString))
                .toList();
        if (to.isEmpty()) {
            return 0;
        }
        Set<OrgId> members =
                coalitions.roster(coalition).map(r -> r.activeMembers()).orElse(Set.of());
        List<HistoryCopy> kept = em.createQuery(
                        "select h from HistoryCopy h where h.coalitionId = :c order by h.sentAt", HistoryCopy.class)
                .setParameter("c", coalition.toString())
                .getResultList();
        for (HistoryCopy h : kept) {
            jakarta.json.JsonObject o;
            try (var reader =
                    jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(vault.unseal(h.sealed())))) {
                o = reader.readObject();
            }
            Marking original = MarkingJson.parse(o.getString("marking"));
            Set<org.amicus.core.membership.entity.PersonRef> persons = new java.util.HashSet<>();
            original.namedPersons().stream()
                    .filter(p -> members.contains(p.organisation()))
                    .forEach(persons::add);
            Marking forThisCoalition = new Marking(
                    original.level(), new Distribution.Coalitions(Set.of(coalition)), persons, original.conditions());
            Draft draft = new Draft(
                    o.getString("type"),
                    o.getString("subject"),
                    o.getString("body"),
                    o.getString("priority"),
                    java.time.Duration.parse(o.getString("timeToLive")));
            queue(draft, to, "", forThisCoalition);
        }
        audit.recordByCaller(
                "coalition.history.sent",
                coalition.toString(),
                null,
                "ok",
                kept.size() + " earlier message(s) to " + to.size() + " new member(s)");
        LOG.info(() -> "AMICUS-COALITION-005 " + kept.size() + " earlier message(s) of coalition " + coalition
                + " sent to " + to.size() + " new member(s)");
        return kept.size();
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
        FederationView[] view = new FederationView[1]; // one view for the whole batch, made when first needed
        for (int i = 0; i < batch.size(); i++) {
            sent.add(route(batch.get(i), view, "message " + i + ": "));
        }
        em.flush();
        return sent;
    }

    /**
     * Seals {@code draft} under {@code marking} separately for each organisation of {@code to} (which the caller
     * routed, see {@link #recipients}) and queues each envelope for its recipient: how a broadcast to a large
     * audience travels (bulletins, security alerts). Each envelope is small (one recipient's key packets, not a
     * thousand) and its outer header names only its own recipient, so no recipient, relay or broker learns the
     * rest of the audience from it; the federation queues as many bytes per recipient whether the audience is
     * three organisations or a thousand. Every recipient is checked before anything is sealed, and all the
     * envelopes are queued in the caller's transaction: all of them or none. Returns one view per envelope, in the
     * order of the recipients' nodes.
     */
    public List<SentView> sendEach(Draft draft, Set<OrgId> to, Marking marking) {
        List<NodeId> nodes = to.stream()
                .map(Organisations::nodeOf)
                .distinct()
                .sorted(java.util.Comparator.comparing(NodeId::toString))
                .toList();
        List<Route> routes = routes(nodes, "");
        Draft marked = draft.marked(MarkingJson.toText(marking));
        List<SentView> sent = new ArrayList<>(routes.size());
        long bytes = 0;
        for (Route r : routes) {
            SealedEnvelope sealed = sealing.seal(marked, List.of(r.addressee()));
            OutgoingEnvelope row = row(sealed, r);
            em.persist(row);
            transport.send(r.nextHop(), sealed);
            bytes += sealed.wire().length;
            audit.recordByCaller(
                    "message.sent",
                    sealed.id().toString(),
                    markingCode(marking),
                    "ok",
                    "to 1 node(s), " + sealed.wire().length + " bytes sealed, one of " + routes.size()
                            + " sealed each to its recipient");
            sent.add(view(sealed.id(), List.of(row)));
        }
        long total = bytes;
        LOG.fine(() -> "AMICUS-FEDERATION-012 " + routes.size() + " envelopes, each sealed to its recipient, queued ("
                + total + " bytes)");
        return sent;
    }

    /** Where one recipient node's envelope goes: its organisation key and the hop its envelopes take. */
    private record Route(Addressee addressee, NodeId nextHop) {}

    /**
     * The route to each of {@code to}: every one an active peer with a usable key, reached directly or through a
     * relay that is still a peer; refused (naming the node) before anything is sealed otherwise.
     */
    private List<Route> routes(List<NodeId> to, String which) {
        if (to.isEmpty()) {
            throw new UnknownRecipientException(which + "a message needs at least one recipient node");
        }
        List<Route> routes = new ArrayList<>();
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
            routes.add(new Route(new Addressee(node, peer.fingerprint()), peer.nextHop()));
        }
        return routes;
    }

    private static OutgoingEnvelope row(SealedEnvelope sealed, Route r) {
        return new OutgoingEnvelope(
                sealed.id(),
                r.addressee().node(),
                r.nextHop(),
                sealed.created(),
                sealed.expires(),
                sealed.priority(),
                sealed.wire().length,
                sealed.sha256(),
                sealed.wire());
    }

    private SentView queue(Draft unmarked, List<NodeId> to, String which, Marking marking) {
        List<Route> routes = routes(to, which);
        Draft draft = unmarked.marked(MarkingJson.toText(marking));
        SealedEnvelope sealed =
                sealing.seal(draft, routes.stream().map(Route::addressee).toList());
        List<OutgoingEnvelope> rows = new ArrayList<>();
        for (Route r : routes) {
            OutgoingEnvelope row = row(sealed, r);
            em.persist(row);
            rows.add(row);
        }
        // once per next hop: a relay forwards one copy to each of the recipients it serves
        new LinkedHashSet<>(routes.stream().map(Route::nextHop).toList()).forEach(hop -> transport.send(hop, sealed));
        LOG.fine(() -> "AMICUS-FEDERATION-010 envelope " + sealed.id() + " queued for " + routes.size() + " nodes");
        audit.recordByCaller(
                "message.sent",
                sealed.id().toString(),
                markingCode(marking),
                "ok",
                "to " + routes.size() + " node(s), " + sealed.wire().length + " bytes sealed");
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
        return em.createQuery(
                        "select r from ReceivedEnvelope r where r.workflow is null order by r.receivedAt desc",
                        ReceivedEnvelope.class)
                .setMaxResults(Math.max(1, Math.min(limit, 1000)))
                .getResultStream()
                .map(Messages::view)
                .toList();
    }

    public Optional<ReceivedView> findReceived(UUID envelopeId) {
        return Optional.ofNullable(em.find(ReceivedEnvelope.class, envelopeId.toString()))
                .filter(r -> r.workflow().isEmpty())
                .map(Messages::view);
    }

    /** The inner document type of a forwarded message; its body is {@link #forwardBody}'s JSON. */
    public static final String FORWARD_TYPE = "amicus.forward";

    /**
     * Passes received message {@code message} on to {@code targets}, if its marking permits (docs/routing.md,
     * "Re-sharing"): never RED, AMBER+STRICT or expired material, nothing during an embargo, and beyond the
     * distribution as it stands now, or at all under originator control, only with the originator's recorded
     * consent. The forward is a new message marked like the original but for exactly the organisations that
     * newly receive it; a forward is not forwarded again. The decision is audited either way.
     *
     * @throws ReshareRefusedException with the reason, nothing sent
     */
    public Optional<SentView> forward(UUID message, Set<OrgId> targets) {
        ReceivedEnvelope r = em.find(ReceivedEnvelope.class, message.toString());
        if (r == null || r.workflow().isPresent()) {
            return Optional.empty();
        }
        Marking marking = marking(r);
        if (marking == null) {
            throw new ReshareRefusedException("the message has no marking: it is not passed on");
        }
        OrgId self = organisations.self();
        OrgId originator = Organisations.of(r.fromNode());
        Set<OrgId> outside = new LinkedHashSet<>(targets);
        outside.remove(self);
        Instant now = clock.instant();
        Optional<org.amicus.core.routing.entity.Consent> consent =
                outside.isEmpty() ? Optional.empty() : consents.consentFor(message, outside);
        ReshareDecision decision =
                Routing.reshare(marking, message, originator, self, targets, consent, now, views.current());
        if (decision.allowed() && decision.newRecipients().isEmpty()) {
            decision = ReshareDecision.refused(
                    "it names no organisation outside your own: share it inside your organisation instead");
        }
        Content content = decision.allowed() ? reopen(r) : null;
        if (content != null && FORWARD_TYPE.equals(content.type())) {
            decision = ReshareDecision.refused(
                    "it was forwarded to this organisation: only the originator's own recipients pass it on");
        }
        if (!decision.allowed()) {
            audit.recordByCaller(
                    "message.forward.refused", message.toString(), marking.code(), "refused", decision.reason());
            throw new ReshareRefusedException(decision.reason());
        }
        Set<org.amicus.core.membership.entity.PersonRef> persons = new java.util.HashSet<>();
        for (var p : marking.namedPersons()) {
            if (decision.newRecipients().contains(p.organisation())) {
                persons.add(p);
            }
        }
        Marking forwarded = new Marking(
                marking.level(),
                new Distribution.NamedOrganisations(decision.newRecipients()),
                persons,
                marking.conditions());
        Draft draft = new Draft(
                FORWARD_TYPE,
                content.subject(),
                forwardBody(message, originator, content.body()),
                "normal",
                java.time.Duration.ofDays(7));
        List<NodeId> to = decision.newRecipients().stream()
                .map(Organisations::nodeOf)
                .sorted(java.util.Comparator.comparing(NodeId::toString))
                .toList();
        SentView sent = queue(draft, to, "", forwarded);
        audit.recordByCaller(
                "message.forwarded",
                message.toString(),
                marking.code(),
                "ok",
                "as " + sent.envelopeId() + " to " + to.size() + " organisation(s), " + decision.reason());
        em.flush();
        return Optional.of(sent);
    }

    /** A forward's body: where it came from, and the original text. */
    static String forwardBody(UUID original, OrgId originator, String body) {
        return jakarta.json.spi.JsonProvider.provider()
                .createObjectBuilder()
                .add("amicusForward", 1)
                .add("message", original.toString())
                .add("originator", originator.toString())
                .add("body", body)
                .build()
                .toString();
    }

    private Content reopen(ReceivedEnvelope r) {
        try {
            return sealing.reopen(r.wire(), r.receivedAt());
        } catch (DeliveryRefusedException e) {
            throw new IllegalStateException(
                    "AMICUS-FEDERATION-011 stored envelope " + r.envelopeId() + " no longer opens: " + e.kind(), e);
        }
    }

    /** How a marking is named in the audit log: level and kind of distribution, no names. */
    public static String markingCode(Marking m) {
        return m == null ? null : m.code();
    }

    /**
     * Opens a received envelope for the person calling; its content is never stored in clear. Content marked
     * for named persons of this organisation (always so for TLP:RED) is shown only to them, expired content to
     * no one; each display and each refusal is audited.
     *
     * @throws ContentWithheldException if the caller may not see it
     */
    public Optional<Content> read(UUID envelopeId) {
        ReceivedEnvelope r = em.find(ReceivedEnvelope.class, envelopeId.toString());
        if (r == null || r.workflow().isPresent()) {
            return Optional.empty(); // a workflow's step is read in its workflow (cooperation requests)
        }
        Marking marking = marking(r);
        if (marking != null) {
            Optional<PersonRef> viewer = viewer();
            Instant now = clock.instant();
            boolean restricted = marking.restrictedToNamedPersonsIn(organisations.self());
            String why = null;
            if (marking.conditions().expired(now)) {
                why = "it expired at " + marking.conditions().expires().get() + " and is no longer shown";
            } else if (restricted && (viewer.isEmpty() || !marking.mayBeShownTo(viewer.get(), now))) {
                why = "it is for named persons only, and you are not one of them";
            }
            if (why != null) {
                audit.recordByCaller("content.withheld", envelopeId.toString(), markingCode(marking), "refused", why);
                throw new ContentWithheldException(why);
            }
        }
        try {
            Optional<Content> content = Optional.of(sealing.reopen(r.wire(), r.receivedAt()));
            audit.recordByCaller(
                    "content.displayed", envelopeId.toString(), markingCode(marking), "ok", "received message opened");
            return content;
        } catch (DeliveryRefusedException e) {
            throw new IllegalStateException(
                    "AMICUS-FEDERATION-011 stored envelope " + envelopeId + " no longer opens: " + e.kind(), e);
        }
    }

    /** The person calling, as a marking names persons; empty for the operator or no one. */
    private Optional<PersonRef> viewer() {
        return org.amicus.core.membership.entity.Caller.personOf(context.getCallerPrincipal())
                .map(id -> new PersonRef(organisations.self(), id));
    }

    static Marking marking(ReceivedEnvelope r) {
        return r.marking().isEmpty() ? null : MarkingJson.parse(r.marking());
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
                r.receiptSentAt(),
                marking(r));
    }
}
