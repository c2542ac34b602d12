package org.amicus.core.alert.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.amicus.core.alert.control.AlertMessages;
import org.amicus.core.alert.control.AlertMessages.AlertDocument;
import org.amicus.core.alert.control.StixBundles;
import org.amicus.core.alert.entity.Alert;
import org.amicus.core.alert.entity.AlertId;
import org.amicus.core.alert.entity.AlertNotice;
import org.amicus.core.alert.entity.AlertRecipient;
import org.amicus.core.alert.entity.AlertStatus;
import org.amicus.core.alert.entity.AlertTerms;
import org.amicus.core.alert.entity.InvalidAlertException;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.boundary.ContentWithheldException;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.organisation.boundary.OrganisationNotFoundException;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;

/**
 * Security alerts (docs/alerts.md). A security officer issues an alert to organisations, coalitions or the whole
 * federation under a marking; it travels with the highest priority, ahead of routine traffic, and expires with its
 * validity. Each recipient organisation acknowledges; the issuer's node tracks who has and who has not, and its
 * escalation timer ({@link AlertJobs}) re-sends the alert to those that have not in time, which flags it for their
 * security officers and on the issuer's dashboard. Updates and withdrawals reach every organisation that got the
 * original.
 */
@Stateless
public class Alerts {

    /** How long an acknowledgement may travel: a recipient offline for a month still tells the issuer. */
    static final Duration ACK_LIFETIME = Duration.ofDays(30);

    static final int MAX_REASON = 2_000;

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

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

    /**
     * Issues an alert to the organisations {@code marking} reaches now and sends it to them at once, an envelope of
     * priority {@code alert} sealed for each of them (ADR 19) that expires when the alert does.
     */
    public AlertView issue(AlertTerms terms, Marking marking) {
        Instant now = clock.instant();
        terms.requireSendable(now);
        Set<OrgId> to = audience(marking);
        Alert a = Alert.issued(
                AlertId.random(),
                organisations.self(),
                terms,
                MarkingJson.toText(marking),
                seal(AlertMessages.noticeText(terms.notice(), Optional.empty())),
                caller(),
                now);
        em.persist(a);
        em.flush(); // the alert before its recipients: they refer to it
        Instant firstEscalation = terms.firstEscalation(now).orElse(null);
        for (OrgId org : to) {
            em.persist(new AlertRecipient(a.id(), org, now, firstEscalation));
        }
        send(document(a, terms, Optional.empty(), 0), to, marking, now);
        audit.recordByCaller(
                "alert.issued",
                a.id().toString(),
                marking.code(),
                "ok",
                terms.severity().wireName() + " " + terms.category().wireName() + " alert to " + to.size()
                        + " organisation(s)");
        LOG.info(() -> "AMICUS-ALERT-001 alert " + a.id() + " ("
                + terms.severity().wireName() + ") sent to " + to.size() + " organisation(s)");
        return view(a, now);
    }

    /**
     * Issues an alert taken from a STIX bundle ({@link #issue}), recording in the audit log that it came from one and
     * whether the security officer declared it the organisation's own intelligence (needed for a bundle marked AMBER
     * or stricter).
     */
    public AlertView issueFromStix(AlertTerms terms, Marking marking, boolean ownIntelligence) {
        AlertView v = issue(terms, marking);
        audit.recordByCaller(
                "alert.imported",
                v.id().toString(),
                marking.code(),
                "ok",
                "from a STIX 2.1 bundle" + (ownIntelligence ? "; declared this organisation's own intelligence" : ""));
        return v;
    }

    /** A new revision of an alert this organisation issued, sent to every organisation that got the original. */
    public AlertView update(AlertId id, AlertTerms terms) {
        Alert a = own(id);
        Instant now = clock.instant();
        terms.requireSendable(now);
        a.revise(terms, seal(AlertMessages.noticeText(terms.notice(), Optional.empty())), now);
        List<AlertRecipient> rs = recipients(id);
        Marking marking = MarkingJson.parse(a.marking());
        send(document(a, terms, Optional.empty(), 0), orgs(rs), marking, now);
        audit.recordByCaller(
                "alert.updated",
                id.toString(),
                marking.code(),
                "ok",
                "revision " + a.revision() + " to " + rs.size() + " organisation(s)");
        LOG.info(() -> "AMICUS-ALERT-002 alert " + id + " revision " + a.revision() + " sent to " + rs.size()
                + " organisation(s)");
        return view(a, now);
    }

    /**
     * Withdraws an alert this organisation issued (a false alarm, a threat that is over): every organisation that got
     * it sees it withdrawn, with the reason; escalation stops.
     */
    public AlertView withdraw(AlertId id, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidAlertException("a withdrawal says why (\"reason\"), so recipients know what changed");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidAlertException("a reason has at most " + MAX_REASON + " characters");
        }
        Alert a = own(id);
        Instant now = clock.instant();
        AlertNotice notice = notice(a);
        a.withdraw(seal(AlertMessages.noticeText(notice, Optional.of(why))), now);
        List<AlertRecipient> rs = recipients(id);
        rs.forEach(AlertRecipient::stopEscalating);
        Marking marking = MarkingJson.parse(a.marking());
        send(document(a, terms(a, notice), Optional.of(why), 0), orgs(rs), marking, now);
        audit.recordByCaller(
                "alert.withdrawn", id.toString(), marking.code(), "ok", "to " + rs.size() + " organisation(s)");
        LOG.info(() -> "AMICUS-ALERT-003 alert " + id + " withdrawn; told " + rs.size() + " organisation(s)");
        return view(a, now);
    }

    /**
     * This organisation acknowledges an alert it received, as it now stands; the acknowledgement goes back to the
     * issuer with the alert's own priority.
     */
    public AlertView acknowledge(AlertId id) {
        Alert a = find(id);
        requireVisible(a, clock.instant());
        Instant now = clock.instant();
        a.acknowledge(caller(), now);
        OrgId self = organisations.self();
        messages.sendTo(
                new Draft(
                        AlertMessages.ACK_TYPE,
                        "alert acknowledged",
                        AlertMessages.write(new AlertMessages.Acknowledgement(id, a.revision(), self, now)),
                        "alert",
                        ACK_LIFETIME),
                Set.of(a.issuer()),
                Marking.forOrganisationOnly(a.issuer()));
        audit.recordByCaller(
                "alert.acknowledged", id.toString(), null, "ok", "revision " + a.revision() + " of " + a.issuer());
        LOG.info(() -> "AMICUS-ALERT-004 alert " + id + " acknowledged; told its issuer " + a.issuer());
        return view(a, now);
    }

    /** The alerts this organisation issued and received that the caller may see: those awaiting action first. */
    public List<AlertView> list() {
        Instant now = clock.instant();
        return em
                .createQuery("select a from Alert a order by a.issuedAt desc", Alert.class)
                .setMaxResults(1_000)
                .getResultList()
                .stream()
                .filter(a -> withheld(a, now).isEmpty())
                .map(a -> view(a, now))
                .sorted(Comparator.comparing((AlertView v) -> !v.awaitingAcknowledgement())
                        .thenComparing(v -> v.status() != AlertStatus.ACTIVE)
                        .thenComparing(v -> -v.severity().ordinal()))
                .toList();
    }

    public AlertView get(AlertId id) {
        Alert a = find(id);
        Instant now = clock.instant();
        requireVisible(a, now);
        return view(a, now);
    }

    /**
     * The alert as a STIX 2.1 bundle (report, note, indicators, the issuer's identity, the TLP 2.0 marking
     * definition of its level) for threat-intelligence tools.
     */
    public jakarta.json.JsonObject stix(AlertId id) {
        Alert a = find(id);
        requireVisible(a, clock.instant());
        AlertNotice n = notice(a);
        Marking m = MarkingJson.parse(a.marking());
        audit.recordByCaller("alert.exported", id.toString(), m.code(), "ok", "as a STIX 2.1 bundle");
        return StixBundles.export(document(a, terms(a, n), withdrawalReason(a), 0), nameOf(a.issuer()), m.level());
    }

    /**
     * Escalates every organisation whose escalation time has come without an acknowledgement: re-sends it the alert
     * (with the next escalation number, which flags it there) and flags it on the dashboard. Each alert in a
     * transaction of its own. Returns how many organisations it escalated.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int escalateDue() {
        List<String> due = em.createQuery(
                        "select distinct r.alertId from AlertRecipient r where r.acknowledgedAt is null"
                                + " and r.nextEscalationAt is not null and r.nextEscalationAt <= :now",
                        String.class)
                .setParameter("now", clock.instant())
                .setMaxResults(500)
                .getResultList();
        int escalated = 0;
        Alerts self = context.getBusinessObject(Alerts.class);
        for (String id : due) {
            escalated += self.escalate(AlertId.parse(id));
        }
        return escalated;
    }

    /** Escalates the due organisations of one alert ({@link #escalateDue}). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int escalate(AlertId id) {
        Alert a = em.find(Alert.class, id.toString());
        Instant now = clock.instant();
        List<AlertRecipient> due =
                recipients(id).stream().filter(r -> r.escalationDue(now)).toList();
        if (a == null || due.isEmpty()) {
            return 0;
        }
        if (a.status(now) != AlertStatus.ACTIVE) {
            due.forEach(AlertRecipient::stopEscalating);
            return 0;
        }
        int level = 0;
        for (AlertRecipient r : due) {
            level = Math.max(level, r.escalate(now, a.escalateAfter()));
        }
        AlertNotice n = notice(a);
        send(document(a, terms(a, n), Optional.empty(), level), orgs(due), MarkingJson.parse(a.marking()), now);
        for (AlertRecipient r : due) {
            audit.record(
                    "system",
                    "alert.escalated",
                    id.toString(),
                    null,
                    "ok",
                    "organisation " + r.organisation() + " has not acknowledged; escalation " + r.escalations());
        }
        LOG.warning("AMICUS-ALERT-005 alert " + id + " escalated: " + due.size()
                + " organisation(s) have not acknowledged it in time; re-sent and flagged");
        return due.size();
    }

    /**
     * An alert document or an acknowledgement a peer sent: taken over (the envelope is then kept as its signed
     * original), or the reason it is refused.
     */
    public Optional<String> admit(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        Instant now = clock.instant();
        if (AlertMessages.ACK_TYPE.equals(d.content().type())) {
            return admitAcknowledgement(d, sender, now);
        }
        AlertDocument doc;
        try {
            doc = AlertMessages.readAlert(d.content().body());
        } catch (IllegalArgumentException e) {
            return Optional.of("alert-invalid");
        }
        if (!doc.issuer().equals(sender) || sender.equals(organisations.self())) {
            return Optional.of("alert-invalid"); // only its issuer sends an alert
        }
        if (!doc.terms().validUntil().isAfter(now)) {
            return Optional.of("alert-expired");
        }
        byte[] sealed = seal(AlertMessages.noticeText(doc.terms().notice(), doc.withdrawalReason()));
        Alert a = em.find(Alert.class, doc.alert().toString());
        if (a == null) {
            a = Alert.received(
                    doc.alert(),
                    sender,
                    doc.revision(),
                    doc.withdrawn(),
                    doc.terms(),
                    d.content().marking(),
                    sealed,
                    doc.issuedAt(),
                    doc.revisedAt(),
                    now);
            em.persist(a);
            Alert received = a;
            audit.record(
                    AuditLog.peer(d.fromNode()),
                    "alert.received",
                    doc.alert().toString(),
                    null,
                    "ok",
                    doc.terms().severity().wireName() + " alert from organisation " + sender);
            LOG.info(() -> "AMICUS-ALERT-006 alert " + received.id() + " ("
                    + doc.terms().severity().wireName() + ") received from " + sender);
        } else {
            if (a.direction() != Alert.Direction.IN || !a.issuer().equals(sender)) {
                return Optional.of("alert-invalid");
            }
            if (a.takeRevision(doc.revision(), doc.withdrawn(), doc.terms(), sealed, doc.revisedAt())) {
                audit.record(
                        AuditLog.peer(d.fromNode()),
                        doc.withdrawn() ? "alert.withdrawn" : "alert.updated",
                        doc.alert().toString(),
                        null,
                        "ok",
                        "revision " + doc.revision() + " from " + sender);
            }
        }
        if (doc.escalation() > 0 && a.escalated(doc.escalation(), now) && a.awaitsAcknowledgement(now)) {
            audit.record(
                    AuditLog.peer(d.fromNode()),
                    "alert.escalated",
                    doc.alert().toString(),
                    null,
                    "ok",
                    "not yet acknowledged here; escalation " + doc.escalation());
            LOG.warning("AMICUS-ALERT-007 alert " + doc.alert() + " escalated by its issuer " + sender
                    + ": not yet acknowledged here; security officers, acknowledge it");
        }
        return Optional.empty();
    }

    private Optional<String> admitAcknowledgement(Delivery d, OrgId sender, Instant now) {
        AlertMessages.Acknowledgement ack;
        try {
            ack = AlertMessages.readAcknowledgement(d.content().body());
        } catch (IllegalArgumentException e) {
            return Optional.of("alert-ack-invalid");
        }
        AlertRecipient r = em.find(AlertRecipient.class, new AlertRecipient.Key(ack.alert(), sender));
        Alert a = em.find(Alert.class, ack.alert().toString());
        if (!ack.organisation().equals(sender) || r == null || a == null || ack.revision() > a.revision()) {
            return Optional.of("alert-ack-invalid"); // not an organisation the alert went to
        }
        r.acknowledged(ack.revision(), now);
        audit.record(
                AuditLog.peer(d.fromNode()),
                "alert.acknowledged",
                ack.alert().toString(),
                null,
                "ok",
                "organisation " + sender + " acknowledged revision " + ack.revision());
        LOG.info(() -> "AMICUS-ALERT-008 alert " + ack.alert() + " acknowledged by " + sender);
        return Optional.empty();
    }

    private Set<OrgId> audience(Marking marking) {
        if (marking.distribution() instanceof Distribution.OwnOrganisation) {
            throw new InvalidAlertException("an alert needs an audience: organisations, coalitions or the whole"
                    + " federation (the marking's distribution)");
        }
        return messages.recipients(marking);
    }

    private void send(AlertDocument doc, Set<OrgId> to, Marking marking, Instant now) {
        if (to.isEmpty()) {
            return;
        }
        Duration ttl = Duration.between(now, doc.terms().validUntil());
        if (ttl.isNegative() || ttl.isZero()) {
            return; // over: an expired alert is not delivered
        }
        messages.sendEach(
                new Draft(
                        AlertMessages.ALERT_TYPE, doc.terms().notice().title(), AlertMessages.write(doc), "alert", ttl),
                to,
                marking);
    }

    private AlertDocument document(Alert a, AlertTerms terms, Optional<String> reason, int escalation) {
        return new AlertDocument(
                a.id(),
                a.issuer(),
                a.revision(),
                a.withdrawn(),
                reason,
                terms,
                a.issuedAt(),
                a.revisedAt(),
                escalation);
    }

    private AlertTerms terms(Alert a, AlertNotice notice) {
        return new AlertTerms(
                a.severity(), a.category(), a.template(), notice, a.validFrom(), a.validUntil(), a.escalateAfter());
    }

    private AlertView view(Alert a, Instant now) {
        String text = unseal(a.sealedNotice());
        List<AlertView.Recipient> rs = new ArrayList<>();
        if (a.direction() == Alert.Direction.OUT) {
            Map<OrgId, String> names = names();
            for (AlertRecipient r : recipients(a.id())) {
                String name =
                        names.getOrDefault(r.organisation(), r.organisation().toString());
                rs.add(new AlertView.Recipient(
                        r.organisation(),
                        name,
                        r.sentAt(),
                        r.acknowledgedAt(),
                        r.acknowledgedRevision(),
                        r.escalations(),
                        r.escalatedAt(),
                        r.nextEscalationAt()));
            }
            rs.sort(Comparator.comparing(
                            (AlertView.Recipient r) -> r.acknowledgedAt().isPresent())
                    .thenComparing(AlertView.Recipient::name));
        }
        return new AlertView(
                a.id(),
                a.direction(),
                a.issuer(),
                a.revision(),
                a.status(now),
                a.severity(),
                a.category(),
                a.template(),
                AlertMessages.readNotice(text),
                AlertMessages.readWithdrawalReason(text),
                MarkingJson.parse(a.marking()),
                a.validFrom(),
                a.validUntil(),
                a.escalateAfter(),
                a.issuedAt(),
                a.revisedAt(),
                a.receivedAt(),
                a.acknowledgedAt(),
                a.acknowledgedRevision(),
                a.awaitsAcknowledgement(now),
                a.escalations(),
                a.escalatedAt(),
                rs);
    }

    private String nameOf(OrgId org) {
        try {
            return organisations.find(org).name();
        } catch (OrganisationNotFoundException e) {
            return org.toString();
        }
    }

    /** Every organisation's name in the directory, read once (a view of 1,000 recipients needs them all). */
    private java.util.Map<OrgId, String> names() {
        java.util.Map<OrgId, String> names = new java.util.HashMap<>();
        organisations.list().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    private List<AlertRecipient> recipients(AlertId id) {
        return em.createQuery(
                        "select r from AlertRecipient r where r.alertId = :id order by r.organisation",
                        AlertRecipient.class)
                .setParameter("id", id.toString())
                .getResultList();
    }

    private static Set<OrgId> orgs(List<AlertRecipient> rs) {
        Set<OrgId> s = new TreeSet<>(Comparator.comparing(OrgId::toString));
        rs.forEach(r -> s.add(r.organisation()));
        return s;
    }

    private Alert find(AlertId id) {
        Alert a = em.find(Alert.class, id.toString());
        if (a == null) {
            throw new AlertNotFoundException(id);
        }
        return a;
    }

    private Alert own(AlertId id) {
        Alert a = find(id);
        requireVisible(a, clock.instant());
        return a;
    }

    private AlertNotice notice(Alert a) {
        return AlertMessages.readNotice(unseal(a.sealedNotice()));
    }

    private Optional<String> withdrawalReason(Alert a) {
        return AlertMessages.readWithdrawalReason(unseal(a.sealedNotice()));
    }

    /** Why the caller may not see {@code a} under its marking (named persons only), if so. */
    private Optional<String> withheld(Alert a, Instant now) {
        Marking m = MarkingJson.parse(a.marking());
        if (a.direction() == Alert.Direction.IN && m.restrictedToNamedPersonsIn(organisations.self())) {
            Optional<PersonRef> viewer =
                    Caller.personOf(context.getCallerPrincipal()).map(p -> new PersonRef(organisations.self(), p));
            if (viewer.isEmpty() || !m.mayBeShownTo(viewer.get(), now)) {
                return Optional.of("it is for named persons only, and you are not one of them");
            }
        }
        return Optional.empty();
    }

    private void requireVisible(Alert a, Instant now) {
        Optional<String> why = withheld(a, now);
        if (why.isPresent()) {
            audit.recordByCaller(
                    "content.withheld",
                    a.id().toString(),
                    MarkingJson.parse(a.marking()).code(),
                    "refused",
                    why.get());
            throw new ContentWithheldException(why.get());
        }
    }

    private byte[] seal(String text) {
        return vault.seal(text.getBytes(StandardCharsets.UTF_8));
    }

    private String unseal(byte[] sealed) {
        return new String(vault.unseal(sealed), StandardCharsets.UTF_8);
    }

    private String caller() {
        return Caller.nameOf(context.getCallerPrincipal());
    }
}
