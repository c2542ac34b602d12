package org.amicus.core.cooperation.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.cooperation.control.CooperationMessages;
import org.amicus.core.cooperation.control.EventOrder;
import org.amicus.core.cooperation.entity.Action;
import org.amicus.core.cooperation.entity.CooperationEvent;
import org.amicus.core.cooperation.entity.CooperationRequest;
import org.amicus.core.cooperation.entity.IllegalTransitionException;
import org.amicus.core.cooperation.entity.Party;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.cooperation.entity.RequestState;
import org.amicus.core.cooperation.entity.RequestTerms;
import org.amicus.core.cooperation.entity.RequestThread;
import org.amicus.core.federation.boundary.ContentWithheldException;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;

/**
 * Cooperation requests (docs/cooperation.md): a requester drafts and sends a request to the organisations its
 * marking reaches; each side then takes the steps the lifecycle ({@link Action}) allows it, and every step goes
 * to the other side as a signed, sealed event, so both nodes hold the same chain and state. Terms and notes are
 * kept sealed under the node's content key.
 */
@Stateless
public class CooperationRequests {

    static final Duration ENVELOPE_LIFETIME = Duration.ofDays(60);

    private static final Logger LOG = Logger.getLogger(CooperationRequests.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Organisations organisations;

    @Inject
    Messages messages;

    @Inject
    ContentVault vault;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    /** A new draft: nothing leaves this node until {@link #send}. */
    public RequestView draft(RequestTerms terms, Marking marking, Instant deadline) {
        Instant now = clock.instant();
        requireFuture(deadline, now);
        messages.recipients(marking); // a marking that reaches no one is refused now, not at sending
        CooperationRequest r = CooperationRequest.draft(
                RequestId.random(),
                organisations.self(),
                MarkingJson.toText(marking),
                seal(CooperationMessages.termsText(terms)),
                deadline,
                caller(),
                now);
        em.persist(r);
        audit.recordByCaller("cooperation.drafted", r.id().toString(), marking.code(), "ok", "draft");
        return view(r);
    }

    /** Replaces a draft's terms, marking and deadline. */
    public RequestView redraft(RequestId id, RequestTerms terms, Marking marking, Instant deadline) {
        CooperationRequest r = ownRequest(id);
        requireFuture(deadline, clock.instant());
        messages.recipients(marking);
        r.redraft(MarkingJson.toText(marking), seal(CooperationMessages.termsText(terms)), deadline);
        audit.recordByCaller("cooperation.redrafted", id.toString(), marking.code(), "ok", "draft");
        return view(r);
    }

    /**
     * Sends a draft to every organisation its marking reaches now, in one envelope; from then on the request is
     * between this organisation and each of them.
     */
    public RequestView send(RequestId id) {
        CooperationRequest r = ownRequest(id);
        if (!r.isDraft()) {
            throw new IllegalTransitionException("the request was sent already");
        }
        Instant now = clock.instant();
        if (!r.deadline().isAfter(now)) {
            throw new DeadlinePassedException(
                    "the draft's deadline (" + r.deadline() + ") has passed; give it a later one before sending");
        }
        Marking marking = MarkingJson.parse(r.marking());
        Set<OrgId> to = messages.recipients(marking);
        RequestTerms terms = CooperationMessages.readTerms(unseal(r.sealedTerms()));
        CooperationMessages.Request wire =
                new CooperationMessages.Request(id, organisations.self(), terms, r.deadline(), now);
        r.sent(now);
        for (OrgId responder : to) {
            RequestThread t = new RequestThread(id, responder, r.deadline(), now);
            em.persist(t);
            em.flush(); // the part before its steps: they refer to it, and no mapping tells the order
            apply(t, wire.firstEvent(responder), Optional.empty(), caller(), now);
        }
        messages.sendTo(
                new Draft(
                        CooperationMessages.REQUEST_TYPE,
                        terms.subject(),
                        CooperationMessages.write(wire),
                        "normal",
                        ENVELOPE_LIFETIME),
                to,
                marking);
        audit.recordByCaller(
                "cooperation.sent", id.toString(), marking.code(), "ok", "to " + to.size() + " organisation(s)");
        LOG.info(() -> "AMICUS-COOPERATION-001 request " + id + " sent to " + to.size() + " organisation(s)");
        return view(r);
    }

    /**
     * This organisation takes {@code action} on request {@code id}: a responder on its own part; the requester on
     * the part of {@code responder}, or (withdraw, close, extend-deadline without one) on every part where the
     * lifecycle allows it. Each step is recorded and sent to the other side in the same transaction.
     */
    public RequestView act(
            RequestId id, Optional<OrgId> responder, Action action, Optional<String> note, Optional<Instant> deadline) {
        CooperationRequest r = find(id.value());
        requireVisible(r);
        if (action == Action.SEND) {
            return send(id);
        }
        if (r.isDraft()) {
            throw new IllegalTransitionException("the request is a draft; send it first");
        }
        Party own = r.ownParty();
        if (action.by() != own) {
            throw new IllegalTransitionException("only the " + action.by().wireName() + " may "
                    + action.wireName().replace('-', ' ') + "; this organisation is the " + own.wireName());
        }
        Optional<String> text = note.map(String::strip).filter(s -> !s.isEmpty());
        if (action.needsNote() && text.isEmpty()) {
            throw new InvalidCooperationException(action.wireName() + " needs a note: "
                    + switch (action) {
                        case REQUEST_CLARIFICATION -> "the question";
                        case ANSWER_CLARIFICATION -> "the answer";
                        default -> "the reason";
                    });
        }
        if (text.isPresent() && text.get().length() > RequestTerms.MAX_TEXT) {
            throw new InvalidCooperationException("a note has at most " + RequestTerms.MAX_TEXT + " characters");
        }
        Instant now = clock.instant();
        if (action == Action.EXTEND_DEADLINE) {
            requireFuture(
                    deadline.orElseThrow(
                            () -> new InvalidCooperationException("extend-deadline needs the new \"deadline\"")),
                    now);
        } else if (deadline.isPresent()) {
            throw new InvalidCooperationException("only extend-deadline takes a deadline");
        }
        List<RequestThread> parts = parts(r, own, responder, action);
        Marking marking = MarkingJson.parse(r.marking());
        for (RequestThread t : parts) {
            if (action.commits() && t.overdue(now)) {
                throw new DeadlinePassedException("the deadline (" + t.deadline() + ") has passed; the requester"
                        + " can give a later one (extend-deadline) before you accept");
            }
            CooperationMessages.Event e = new CooperationMessages.Event(
                    id,
                    r.requester(),
                    t.responder(),
                    UUID.randomUUID(),
                    t.seq() + 1,
                    t.lastEvent(),
                    action,
                    own,
                    now,
                    text,
                    deadline);
            apply(t, e, text, caller(), now);
            OrgId other = own == Party.REQUESTER ? t.responder() : r.requester();
            messages.sendTo(
                    new Draft(
                            CooperationMessages.EVENT_TYPE,
                            "cooperation request: " + action.wireName(),
                            CooperationMessages.write(e),
                            "normal",
                            ENVELOPE_LIFETIME),
                    Set.of(other),
                    stepMarking(marking, other));
            audit.recordByCaller(
                    "cooperation." + action.wireName(),
                    id.toString(),
                    marking.code(),
                    "ok",
                    "organisation " + t.responder() + ", now " + t.state().wireName());
        }
        return view(r);
    }

    /**
     * A request or event that arrived (after the receiving checks and the marking's entitlement); empty if it was
     * recorded (or held already), otherwise the kind of refusal, with nothing stored.
     */
    public Optional<String> admit(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        OrgId self = organisations.self();
        Instant now = clock.instant();
        if (CooperationMessages.REQUEST_TYPE.equals(d.content().type())) {
            CooperationMessages.Request req;
            try {
                req = CooperationMessages.readRequest(d.content().body());
            } catch (RuntimeException e) {
                return Optional.of("cooperation-request-invalid");
            }
            if (!req.requester().equals(sender) || self.equals(sender)) {
                return Optional.of("cooperation-request-invalid");
            }
            if (em.find(CooperationRequest.class, req.id().toString()) != null) {
                return Optional.of("cooperation-request-known"); // a second request under a known id
            }
            CooperationRequest r = CooperationRequest.received(
                    req.id(),
                    sender,
                    d.content().marking(),
                    seal(CooperationMessages.termsText(req.terms())),
                    req.deadline(),
                    now);
            em.persist(r);
            em.flush();
            RequestThread t = new RequestThread(req.id(), self, req.deadline(), now);
            em.persist(t);
            em.flush(); // request, part, then its steps
            apply(t, req.firstEvent(self), Optional.empty(), null, now);
            audit.record(
                    AuditLog.peer(d.fromNode()),
                    "cooperation.received",
                    req.id().toString(),
                    null,
                    "ok",
                    "request from organisation " + sender + ", deadline " + req.deadline());
            LOG.info(() -> "AMICUS-COOPERATION-002 request " + req.id() + " received from " + sender);
            return Optional.empty();
        }
        CooperationMessages.Event e;
        try {
            e = CooperationMessages.readEvent(d.content().body());
        } catch (RuntimeException ex) {
            return Optional.of("cooperation-event-invalid");
        }
        CooperationRequest r = em.find(CooperationRequest.class, e.request().toString());
        if (r == null || !r.requester().equals(e.requester()) || !e.actor().equals(sender)) {
            return Optional.of("cooperation-event-invalid");
        }
        boolean fromOtherSide = r.ownParty() == Party.REQUESTER
                ? e.party() == Party.RESPONDER
                : e.party() == Party.REQUESTER && e.responder().equals(self);
        if (!fromOtherSide) {
            return Optional.of("cooperation-event-invalid");
        }
        Optional<RequestThread> thread = thread(e.request(), e.responder(), true);
        if (thread.isEmpty()) {
            return Optional.of("cooperation-event-invalid");
        }
        RequestThread t = thread.get();
        List<CooperationEvent> events = events(t);
        EventOrder.Verdict verdict = EventOrder.place(
                chain(events),
                events.stream()
                        .filter(x -> x.status() == CooperationEvent.Status.SUPERSEDED)
                        .map(CooperationEvent::id)
                        .toList(),
                new EventOrder.Link(e.id(), e.previous(), e.party()));
        switch (verdict) {
            case DUPLICATE:
                return Optional.empty();
            case STALE:
            case HOLD: {
                CooperationEvent kept = record(t, e, e.note(), null, now);
                if (verdict == EventOrder.Verdict.STALE) {
                    kept.superseded();
                }
                LOG.info(() -> "AMICUS-COOPERATION-003 event " + e.id() + " of request " + e.request() + " "
                        + (verdict == EventOrder.Verdict.STALE
                                ? "crossed with the requester's and is superseded"
                                : "held until the event it follows arrives"));
                return Optional.empty();
            }
            case SUPERSEDE_AND_APPLY:
                rewindTo(t, events, e.previous().get(), now);
                break;
            default:
                break;
        }
        try {
            applyArrived(t, e, now);
        } catch (IllegalTransitionException ex) {
            LOG.warning("AMICUS-COOPERATION-004 event " + e.id() + " of request " + e.request() + " from " + sender
                    + " refused: " + ex.getMessage());
            return Optional.of("cooperation-event-illegal");
        }
        audit.record(
                AuditLog.peer(d.fromNode()),
                "cooperation." + e.action().wireName(),
                e.request().toString(),
                null,
                "ok",
                "by organisation " + sender + ", now " + t.state().wireName());
        applyHeld(t, now);
        return Optional.empty();
    }

    /** Sets the reminder and overdue flags that fell due; returns how many it set. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int checkDeadlines(Duration reminderLead) {
        Instant now = clock.instant();
        List<RequestThread> open = em.createQuery(
                        "select t from RequestThread t where t.state not in ('DRAFT', 'DECLINED', 'FULFILLED',"
                                + " 'CLOSED', 'WITHDRAWN') and t.deadline <= :soon and (t.remindedAt is null"
                                + " or t.overdueAt is null)",
                        RequestThread.class)
                .setParameter("soon", now.plus(reminderLead))
                .setMaxResults(1000)
                .getResultList();
        int flagged = 0;
        for (RequestThread t : open) {
            if (t.remindIfDue(reminderLead, now)) {
                flagged++;
                audit.record(
                        AuditLog.NODE,
                        "cooperation.deadline.near",
                        t.request().toString(),
                        null,
                        "ok",
                        "organisation " + t.responder() + ", deadline " + t.deadline());
                LOG.info(() -> "AMICUS-COOPERATION-005 request " + t.request() + ": deadline " + t.deadline()
                        + " is near for organisation " + t.responder());
            }
            if (t.flagIfOverdue(now)) {
                flagged++;
                audit.record(
                        AuditLog.NODE,
                        "cooperation.deadline.passed",
                        t.request().toString(),
                        null,
                        "ok",
                        "organisation " + t.responder() + ", deadline " + t.deadline());
                LOG.warning("AMICUS-COOPERATION-006 request " + t.request() + " is overdue for organisation "
                        + t.responder() + " (deadline " + t.deadline() + ")");
            }
        }
        return flagged;
    }

    /** Every request this organisation made or received, newest first, with its terms. */
    public List<RequestView> list() {
        return em.createQuery("select r from CooperationRequest r order by r.createdAt desc", CooperationRequest.class)
                .setMaxResults(500)
                .getResultStream()
                .filter(r -> withheld(r, clock.instant()).isEmpty())
                .map(this::view)
                .toList();
    }

    /** @throws ContentWithheldException if its marking keeps it from the caller (named persons only, expired) */
    public RequestView get(RequestId id) {
        CooperationRequest r = find(id.value());
        requireVisible(r);
        return view(r);
    }

    /**
     * The requester a submission in reply to request {@code id} goes to: only a responder whose part is accepted or
     * partially fulfilled replies, and only before the deadline.
     *
     * @throws CooperationRequestNotFoundException if this node does not hold the request
     * @throws IllegalTransitionException if this organisation is its requester, or its part does not allow a reply
     *     (not yet accepted, declined, fulfilled, closed, withdrawn)
     * @throws DeadlinePassedException if its deadline has passed
     */
    public OrgId replyTo(RequestId id) {
        CooperationRequest r = find(id.value());
        if (r.ownParty() != Party.RESPONDER) {
            throw new IllegalTransitionException(
                    "this organisation sent request " + id + "; submissions go the" + " other way");
        }
        RequestThread t = thread(id, organisations.self(), false)
                .orElseThrow(() -> new IllegalTransitionException("this organisation has no part in request " + id));
        if (t.state() != RequestState.ACCEPTED && t.state() != RequestState.PARTIALLY_FULFILLED) {
            throw new IllegalTransitionException(
                    "request " + id + " is " + t.state().wireName()
                            + ": a submission replies to a request this organisation accepted (or partly fulfilled)");
        }
        if (!t.deadline().isAfter(clock.instant())) {
            throw new DeadlinePassedException("the deadline of request " + id + " (" + t.deadline()
                    + ") has passed; ask the requester for a later one");
        }
        return r.requester();
    }

    /** Whether this organisation sent request {@code id} to {@code responder} (a submission may reply to it). */
    public boolean askedOf(RequestId id, OrgId responder) {
        CooperationRequest r = em.find(CooperationRequest.class, id.toString());
        return r != null
                && r.ownParty() == Party.REQUESTER
                && thread(id, responder, false).isPresent();
    }

    // ---- the chain

    private void apply(RequestThread t, CooperationMessages.Event e, Optional<String> note, String by, Instant now) {
        CooperationEvent kept = record(t, e, note, by, now);
        RequestState after = t.apply(e.id(), e.action(), e.party(), e.deadline(), now);
        kept.applied(after, t.deadline());
    }

    private void applyArrived(RequestThread t, CooperationMessages.Event e, Instant now) {
        RequestState after = t.apply(e.id(), e.action(), e.party(), e.deadline(), now); // throws before recording
        record(t, e, e.note(), null, now).applied(after, t.deadline());
    }

    private CooperationEvent record(
            RequestThread t, CooperationMessages.Event e, Optional<String> note, String by, Instant now) {
        CooperationEvent kept = new CooperationEvent(
                e.id(),
                t.id(),
                e.seq(),
                e.previous(),
                e.action(),
                e.party(),
                e.at(),
                note.map(this::seal).orElse(null),
                e.deadline(),
                by,
                now);
        em.persist(kept);
        return kept;
    }

    /** The requester's event follows {@code kept}: the responder's events after it are superseded here. */
    private void rewindTo(RequestThread t, List<CooperationEvent> events, UUID kept, Instant now) {
        CooperationEvent base = null;
        for (CooperationEvent x : events) {
            if (x.status() != CooperationEvent.Status.APPLIED) {
                continue;
            }
            if (base != null) {
                x.superseded();
            } else if (x.id().equals(kept)) {
                base = x;
            }
        }
        CooperationEvent b = base;
        t.rewind(
                b.seq(), b.id(), b.stateAfter().orElseThrow(), b.deadlineAfter().orElseThrow(), now);
        LOG.info(() -> "AMICUS-COOPERATION-007 request " + t.request() + ": this organisation's steps after event "
                + b.id() + " crossed with the requester's and are superseded");
    }

    /** Applies held events that now follow the last one, in turn. */
    private void applyHeld(RequestThread t, Instant now) {
        boolean more = true;
        while (more) {
            more = false;
            for (CooperationEvent h : events(t)) {
                if (h.status() == CooperationEvent.Status.HELD && h.previous().equals(t.lastEvent())) {
                    try {
                        h.applied(t.apply(h.id(), h.action(), h.party(), h.deadline(), now), t.deadline());
                        more = true;
                    } catch (IllegalTransitionException ex) {
                        h.superseded();
                    }
                    break;
                }
            }
        }
    }

    private static List<EventOrder.Link> chain(List<CooperationEvent> events) {
        return events.stream()
                .filter(x -> x.status() == CooperationEvent.Status.APPLIED)
                .map(x -> new EventOrder.Link(x.id(), x.previous(), x.party()))
                .toList();
    }

    private List<CooperationEvent> events(RequestThread t) {
        em.flush();
        return em.createQuery(
                        "select e from CooperationEvent e where e.threadId = :t order by e.seq, e.recordedAt",
                        CooperationEvent.class)
                .setParameter("t", t.id().toString())
                .getResultList();
    }

    // ---- lookups

    private CooperationRequest find(UUID id) {
        CooperationRequest r = em.find(CooperationRequest.class, id.toString());
        if (r == null) {
            throw new CooperationRequestNotFoundException(id);
        }
        return r;
    }

    private CooperationRequest ownRequest(RequestId id) {
        CooperationRequest r = find(id.value());
        if (r.ownParty() != Party.REQUESTER) {
            throw new IllegalTransitionException(
                    "this organisation received the request; only its requester edits" + " or sends it");
        }
        return r;
    }

    private Optional<RequestThread> thread(RequestId request, OrgId responder, boolean lock) {
        List<RequestThread> found = em.createQuery(
                        "select t from RequestThread t where t.requestId = :r and t.responder = :o",
                        RequestThread.class)
                .setParameter("r", request.toString())
                .setParameter("o", responder.toString())
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RequestThread t = found.get(0);
        if (lock) {
            em.lock(t, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(t);
        }
        return Optional.of(t);
    }

    private List<RequestThread> threads(RequestId request) {
        return em.createQuery(
                        "select t from RequestThread t where t.requestId = :r order by t.responder",
                        RequestThread.class)
                .setParameter("r", request.toString())
                .getResultList();
    }

    /** The parts of the request {@code action} applies to. */
    private List<RequestThread> parts(CooperationRequest r, Party own, Optional<OrgId> responder, Action action) {
        if (own == Party.RESPONDER) {
            if (responder.isPresent() && !responder.get().equals(organisations.self())) {
                throw new InvalidCooperationException("a responder acts on its own part only");
            }
            return List.of(thread(r.id(), organisations.self(), true)
                    .orElseThrow(() -> new CooperationRequestNotFoundException(r.id())));
        }
        if (responder.isPresent()) {
            return List.of(thread(r.id(), responder.get(), true)
                    .orElseThrow(() -> new InvalidCooperationException(
                            "organisation " + responder.get() + " was not asked in this request")));
        }
        if (action != Action.WITHDRAW && action != Action.CLOSE && action != Action.EXTEND_DEADLINE) {
            throw new InvalidCooperationException(
                    action.wireName() + " concerns one organisation asked: name it in \"organisation\"");
        }
        List<RequestThread> open = new ArrayList<>();
        for (RequestThread t : threads(r.id())) {
            try {
                action.next(t.state(), Party.REQUESTER);
                em.lock(t, LockModeType.PESSIMISTIC_WRITE);
                open.add(t);
            } catch (IllegalTransitionException e) {
                // that part is past this step; the others go on
            }
        }
        if (open.isEmpty()) {
            // the first part's refusal says why
            action.next(threads(r.id()).get(0).state(), Party.REQUESTER);
        }
        return open;
    }

    // ---- views

    private RequestView view(CooperationRequest r) {
        Instant now = clock.instant();
        List<RequestView.ThreadView> threads = new ArrayList<>();
        for (RequestThread t : threads(r.id())) {
            List<RequestView.EventView> events = events(t).stream()
                    .map(e -> new RequestView.EventView(
                            e.id(),
                            e.seq(),
                            e.action(),
                            e.party(),
                            e.party() == Party.REQUESTER ? r.requester() : t.responder(),
                            e.at(),
                            e.sealedNote().map(this::unseal),
                            e.deadline(),
                            e.status(),
                            e.byPerson()))
                    .toList();
            threads.add(new RequestView.ThreadView(
                    t.responder(), t.state(), t.deadline(), t.overdue(now), t.remindedAt(), t.overdueAt(), events));
        }
        threads.sort(Comparator.comparing(x -> x.responder().toString()));
        return new RequestView(
                r.id(),
                r.ownParty(),
                r.requester(),
                MarkingJson.parse(r.marking()),
                CooperationMessages.readTerms(unseal(r.sealedTerms())),
                r.deadline(),
                r.createdAt(),
                r.sentAt(),
                threads);
    }

    /** Why the caller may not see {@code r} under its marking, if so (as for a received message). */
    private Optional<String> withheld(CooperationRequest r, Instant now) {
        Marking m = MarkingJson.parse(r.marking());
        if (r.ownParty() == Party.RESPONDER && m.conditions().expired(now)) {
            return Optional.of("it expired at " + m.conditions().expires().get() + " and is no longer shown");
        }
        if (m.restrictedToNamedPersonsIn(organisations.self())) {
            Optional<PersonRef> viewer = viewer();
            if (viewer.isEmpty() || !m.mayBeShownTo(viewer.get(), now)) {
                return Optional.of("it is for named persons only, and you are not one of them");
            }
        }
        return Optional.empty();
    }

    private void requireVisible(CooperationRequest r) {
        Optional<String> why = withheld(r, clock.instant());
        if (why.isPresent()) {
            audit.recordByCaller(
                    "content.withheld",
                    r.id().toString(),
                    MarkingJson.parse(r.marking()).code(),
                    "refused",
                    why.get());
            throw new ContentWithheldException(why.get());
        }
    }

    /** The person calling, as a marking names persons; empty for the operator or no one. */
    private Optional<PersonRef> viewer() {
        return org.amicus.core.membership.entity.Caller.personOf(context.getCallerPrincipal())
                .map(id -> new PersonRef(organisations.self(), id));
    }

    /**
     * How a step travels: at the request's level, for exactly the other side, to the persons the request named
     * there. A TLP:RED request whose marking names no person of the other side (a responder answering the
     * requester) has its steps marked TLP:AMBER+STRICT: for that organisation only.
     */
    static Marking stepMarking(Marking request, OrgId other) {
        Set<PersonRef> persons = new java.util.HashSet<>();
        request.namedPersons().stream()
                .filter(p -> p.organisation().equals(other))
                .forEach(persons::add);
        TlpLevel level = request.level() == TlpLevel.RED && persons.isEmpty() ? TlpLevel.AMBER_STRICT : request.level();
        return new Marking(level, new Distribution.NamedOrganisations(Set.of(other)), persons, Conditions.NONE);
    }

    private static void requireFuture(Instant deadline, Instant now) {
        if (!deadline.isAfter(now)) {
            throw new InvalidCooperationException("the deadline " + deadline + " is not in the future");
        }
    }

    private byte[] seal(String text) {
        return vault.seal(text.getBytes(StandardCharsets.UTF_8));
    }

    private String unseal(byte[] sealed) {
        return new String(vault.unseal(sealed), StandardCharsets.UTF_8);
    }

    private String caller() {
        return org.amicus.core.membership.entity.Caller.nameOf(context.getCallerPrincipal());
    }
}
