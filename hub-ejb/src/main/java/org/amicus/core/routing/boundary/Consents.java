package org.amicus.core.routing.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.EnvelopeSealing;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.ReceivedEnvelope;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.routing.control.ConsentMessages;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.control.Routing;
import org.amicus.core.routing.entity.Consent;
import org.amicus.core.routing.entity.ConsentRecord;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.ReshareDecision;

/**
 * Consent to pass a message on (docs/routing.md, "Re-sharing"): a holder asks the message's originator, the
 * originator's coordinator grants or refuses, and the signed answer is recorded on both sides. A reply that
 * does not answer a request as it was made is refused and changes nothing.
 */
@Stateless
public class Consents {

    static final Duration LIFETIME = Duration.ofDays(30);
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);
    static final Duration MAX_VALIDITY = Duration.ofDays(366);

    private static final Logger LOG = Logger.getLogger(Consents.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Organisations organisations;

    @Inject
    FederationViews views;

    @Inject
    EnvelopeSealing sealing;

    @Inject
    FederationTransport transport;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    /**
     * Asks the originator of received message {@code message} to let it go to {@code targets}; refused when
     * no consent is needed or none could help (TLP:RED, AMBER+STRICT, an embargo, expiry).
     */
    public ConsentView request(UUID message, Set<OrgId> targets) {
        ReceivedEnvelope r = em.find(ReceivedEnvelope.class, message.toString());
        if (r == null || r.marking().isEmpty() || r.workflow().isPresent()) {
            throw new ReshareRefusedException("no marked message " + message + " was received here");
        }
        Marking marking = MarkingJson.parse(r.marking());
        OrgId self = organisations.self();
        OrgId originator = Organisations.of(r.fromNode());
        Set<OrgId> to = new HashSet<>(targets);
        to.remove(self);
        if (to.isEmpty()) {
            throw new ReshareRefusedException("name at least one organisation outside your own");
        }
        if (to.contains(originator)) {
            throw new ReshareRefusedException("the originator has the message already");
        }
        Instant now = clock.instant();
        var view = views.current();
        ReshareDecision without = Routing.reshare(marking, message, originator, self, to, Optional.empty(), now, view);
        if (without.allowed()) {
            throw new ReshareRefusedException(
                    "it may be passed on to them without consent (" + without.reason() + "): forward it");
        }
        ReshareDecision with = Routing.reshare(
                marking,
                message,
                originator,
                self,
                to,
                Optional.of(new Consent(message, originator, to, now.plus(Duration.ofDays(1)))),
                now,
                view);
        if (!with.allowed()) {
            throw new ReshareRefusedException(with.reason() + "; no consent can change that");
        }
        Peer peer = em.find(Peer.class, r.fromNode().toString());
        if (peer == null || !organisations.reachable(originator)) {
            throw new ReshareRefusedException("the originator's node is not reachable from this node");
        }
        ConsentRecord record =
                new ConsentRecord(UUID.randomUUID(), ConsentRecord.Side.ASKED, message, originator, self, to, now);
        em.persist(record);
        send(
                peer,
                ConsentMessages.REQUEST_TYPE,
                ConsentMessages.write(new ConsentMessages.Request(record.id(), message, originator, self, to)));
        audit.recordByCaller(
                "consent.requested",
                message.toString(),
                marking.code(),
                "ok",
                "request " + record.id() + ", " + to.size() + " organisation(s)");
        return ConsentView.of(record);
    }

    /**
     * A consent request that arrived: kept if its sender holds a message this node sent it; otherwise the kind
     * of refusal is returned (nothing is stored).
     */
    public Optional<String> admitRequest(Delivery d) {
        ConsentMessages.Request req;
        try {
            req = ConsentMessages.readRequest(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("consent-request-invalid");
        }
        OrgId sender = Organisations.of(d.fromNode());
        if (!req.holder().equals(sender) || !req.originator().equals(organisations.self())) {
            return Optional.of("consent-request-invalid");
        }
        long sent = em.createQuery(
                        "select count(o) from OutgoingEnvelope o where o.envelopeId = :m and o.toNode = :n", Long.class)
                .setParameter("m", req.message().toString())
                .setParameter("n", d.fromNode().toString())
                .getSingleResult();
        if (sent == 0) {
            return Optional.of("consent-request-invalid"); // not a message this node sent to the asker
        }
        ConsentRecord known = em.find(ConsentRecord.class, req.id().toString());
        if (known != null) {
            return known.side() == ConsentRecord.Side.ASKED_OF
                            && known.message().equals(req.message())
                            && known.holder().equals(req.holder())
                            && known.organisations().equals(req.organisations())
                    ? Optional.empty()
                    : Optional.of("consent-request-invalid");
        }
        em.persist(new ConsentRecord(
                req.id(),
                ConsentRecord.Side.ASKED_OF,
                req.message(),
                req.originator(),
                req.holder(),
                req.organisations(),
                clock.instant()));
        audit.record(
                AuditLog.peer(d.fromNode()),
                "consent.request.received",
                req.message().toString(),
                null,
                "ok",
                "request " + req.id() + ", " + req.organisations().size() + " organisation(s)");
        LOG.info(() -> "AMICUS-CONSENT-001 consent request " + req.id() + " from " + d.fromNode());
        return Optional.empty();
    }

    /** Grants (until {@code validUntil}, default 30 days) or refuses a request made of this organisation. */
    public ConsentView answer(UUID id, boolean grant, Optional<Instant> validUntil) {
        ConsentRecord r = em.find(ConsentRecord.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw new ConsentNotFoundException(id);
        }
        if (r.side() != ConsentRecord.Side.ASKED_OF) {
            throw new ReshareRefusedException("this organisation asked for this consent; only the originator answers");
        }
        if (r.state() != ConsentRecord.State.PENDING) {
            throw new ReshareRefusedException("the request was answered already (" + r.state() + ")");
        }
        Instant now = clock.instant();
        Instant until = validUntil.orElse(now.plus(DEFAULT_VALIDITY));
        if (grant && (!until.isAfter(now) || until.isAfter(now.plus(MAX_VALIDITY)))) {
            throw new ReshareRefusedException("a consent is valid until a time in the next 366 days");
        }
        r.answer(grant, until, caller(), now);
        Peer holder = em.find(Peer.class, Organisations.nodeOf(r.holder()).toString());
        if (holder == null || !organisations.reachable(r.holder())) {
            throw new ReshareRefusedException("the asking organisation's node is not reachable from this node");
        }
        send(
                holder,
                ConsentMessages.REPLY_TYPE,
                ConsentMessages.write(new ConsentMessages.Reply(
                        r.id(),
                        r.message(),
                        r.originator(),
                        r.holder(),
                        r.organisations(),
                        grant,
                        grant ? Optional.of(until) : Optional.empty())));
        audit.recordByCaller(
                grant ? "consent.granted" : "consent.refused",
                r.message().toString(),
                null,
                "ok",
                "request " + r.id() + ", " + r.organisations().size() + " organisation(s)"
                        + (grant ? ", until " + until : ""));
        return ConsentView.of(r);
    }

    /** An answer that arrived; the kind of refusal if it does not answer a request of this node as made. */
    public Optional<String> admitReply(Delivery d) {
        ConsentMessages.Reply reply;
        try {
            reply = ConsentMessages.readReply(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("consent-reply-invalid");
        }
        ConsentRecord r = em.find(ConsentRecord.class, reply.id().toString(), LockModeType.PESSIMISTIC_WRITE);
        if (r == null || r.side() != ConsentRecord.Side.ASKED) {
            return Optional.of("consent-reply-mismatch");
        }
        ConsentMessages.Request asked =
                new ConsentMessages.Request(r.id(), r.message(), r.originator(), r.holder(), r.organisations());
        Optional<String> mismatch = reply.mismatch(asked, Organisations.of(d.fromNode()));
        if (mismatch.isPresent()) {
            LOG.warning("AMICUS-CONSENT-002 consent reply " + reply.id() + " from " + d.fromNode() + " refused: "
                    + mismatch.get());
            return Optional.of("consent-reply-mismatch");
        }
        if (r.state() != ConsentRecord.State.PENDING) {
            boolean same = (r.state() == ConsentRecord.State.GRANTED) == reply.granted()
                    && java.util.Objects.equals(
                            r.validUntil(), reply.validUntil().orElse(null));
            return same ? Optional.empty() : Optional.of("consent-reply-mismatch");
        }
        Instant now = clock.instant();
        if (reply.granted() && !reply.validUntil().get().isAfter(now)) {
            return Optional.of("consent-reply-mismatch"); // arrived after it ended: nothing to record
        }
        r.answer(reply.granted(), reply.validUntil().orElse(null), "organisation " + r.originator(), now);
        audit.record(
                AuditLog.peer(d.fromNode()),
                reply.granted() ? "consent.granted" : "consent.refused",
                r.message().toString(),
                null,
                "ok",
                "request " + r.id() + " answered by the originator");
        return Optional.empty();
    }

    /** A consent this organisation holds for {@code message} that covers every one of {@code targets} now. */
    public Optional<Consent> consentFor(UUID message, Set<OrgId> targets) {
        Instant now = clock.instant();
        return em.createQuery(
                        "select c from ConsentRecord c where c.messageId = :m and c.side = 'ASKED' and c.state = 'GRANTED'",
                        ConsentRecord.class)
                .setParameter("m", message.toString())
                .getResultStream()
                .map(ConsentRecord::consent)
                .flatMap(Optional::stream)
                .filter(c -> c.covers(message, c.originator(), targets, now))
                .findFirst();
    }

    /** Every consent request this organisation made or was asked, newest first. */
    public List<ConsentView> list() {
        return em.createQuery("select c from ConsentRecord c order by c.requestedAt desc", ConsentRecord.class)
                .setMaxResults(1000)
                .getResultStream()
                .map(ConsentView::of)
                .toList();
    }

    public ConsentView find(UUID id) {
        ConsentRecord r = em.find(ConsentRecord.class, id.toString());
        if (r == null) {
            throw new ConsentNotFoundException(id);
        }
        return ConsentView.of(r);
    }

    private void send(Peer to, String type, String body) {
        SealedEnvelope sealed = sealing.seal(
                new Draft(type, "consent", body, "normal", LIFETIME),
                List.of(new Addressee(to.nodeId(), to.fingerprint())));
        transport.send(to.nextHop(), sealed);
    }

    private String caller() {
        return org.amicus.core.membership.entity.Caller.nameOf(context.getCallerPrincipal());
    }
}
