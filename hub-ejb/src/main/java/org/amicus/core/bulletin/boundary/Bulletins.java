package org.amicus.core.bulletin.boundary;

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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.bulletin.control.BulletinFeeds;
import org.amicus.core.bulletin.control.BulletinMessages;
import org.amicus.core.bulletin.control.IssueAssembler;
import org.amicus.core.bulletin.entity.Attachment;
import org.amicus.core.bulletin.entity.Bulletin;
import org.amicus.core.bulletin.entity.BulletinContent;
import org.amicus.core.bulletin.entity.BulletinId;
import org.amicus.core.bulletin.entity.BulletinOptOut;
import org.amicus.core.bulletin.entity.BulletinRecipient;
import org.amicus.core.bulletin.entity.BulletinSeries;
import org.amicus.core.bulletin.entity.BulletinState;
import org.amicus.core.bulletin.entity.BulletinStateException;
import org.amicus.core.bulletin.entity.BulletinText;
import org.amicus.core.bulletin.entity.InvalidBulletinException;
import org.amicus.core.bulletin.entity.LanguageTag;
import org.amicus.core.bulletin.entity.Recurrence;
import org.amicus.core.bulletin.entity.SeriesId;
import org.amicus.core.bulletin.entity.SeriesText;
import org.amicus.core.bulletin.entity.Translation;
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
import org.amicus.core.routing.control.RoutingRefusedException;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;

/**
 * Bulletins (docs/bulletins.md). An editor drafts a bulletin in one or more languages for an audience (its marking:
 * the federation, coalitions, named organisations) or for a series; a second editor reviews it; it is published at
 * once or at its scheduled time by {@link BulletinJobs}, sealed separately for every organisation it reaches (minus those
 * that chose not to receive its series). A recipient node reports to the publisher when someone there first reads
 * it, so the publisher sees read counts per organisation. Recurring series are approved once and publish each issue
 * from their template. Public (TLP:CLEAR) bulletins are also given as an Atom feed and a plain-text digest.
 */
@Stateless
public class Bulletins {

    static final Duration ENVELOPE_LIFETIME = Duration.ofDays(90);
    static final Duration REPORT_LIFETIME = Duration.ofDays(30);
    static final int MAX_NOTE = 4_000;

    private static final Logger LOG = Logger.getLogger(Bulletins.class.getName());

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

    // --- writing and reviewing -------------------------------------------------------------------

    /**
     * A new draft by the caller: for {@code marking}'s audience, or for a series of this organisation (then its
     * audience is the series'). Nothing leaves the node until a second editor approves it.
     */
    public BulletinView draft(
            BulletinText text, Optional<Marking> marking, Optional<SeriesId> series, Optional<Instant> publishAt) {
        Instant now = clock.instant();
        Marking m = audienceOf(marking, series);
        requireFuture(publishAt, now);
        Bulletin b = Bulletin.draft(
                BulletinId.random(),
                organisations.self(),
                series,
                MarkingJson.toText(m),
                languages(text.content()),
                seal(BulletinMessages.sealedText(text)),
                publishAt,
                caller(),
                now);
        em.persist(b);
        audit.recordByCaller("bulletin.drafted", b.id().toString(), m.code(), "ok", languagesOf(text));
        return view(b, now);
    }

    /** Replaces a draft's text, audience and time (also a draft its reviewer sent back). */
    public BulletinView redraft(
            BulletinId id, BulletinText text, Optional<Marking> marking, Optional<Instant> publishAt) {
        Bulletin b = find(id);
        Instant now = clock.instant();
        Marking m = audienceOf(marking.or(() -> Optional.of(MarkingJson.parse(b.marking()))), b.series());
        requireFuture(publishAt, now);
        b.redraft(MarkingJson.toText(m), languages(text.content()), seal(BulletinMessages.sealedText(text)), publishAt);
        audit.recordByCaller("bulletin.redrafted", id.toString(), m.code(), "ok", languagesOf(text));
        return view(b, now);
    }

    public BulletinView submit(BulletinId id) {
        Bulletin b = find(id);
        Instant now = clock.instant();
        b.submit(now);
        audit.recordByCaller("bulletin.submitted", id.toString(), null, "ok", "for review");
        return view(b, now);
    }

    /**
     * A second editor (a signed-in person other than the author) approves the bulletin: published now, or at its
     * time by the job.
     */
    public BulletinView approve(BulletinId id) {
        Bulletin b = find(id);
        Instant now = clock.instant();
        boolean due = b.approve(reviewer(), now);
        audit.recordByCaller("bulletin.approved", id.toString(), null, "ok", due ? "published now" : "scheduled");
        if (due) {
            publish(b, now);
        } else {
            LOG.info(() -> "AMICUS-BULLETIN-002 bulletin " + id + " approved, to be published at "
                    + b.publishAt().get());
        }
        return view(b, now);
    }

    /** The reviewer sends the bulletin back to its author as a draft, with a note. */
    public BulletinView reject(BulletinId id, String note) {
        String n = note == null ? "" : note.strip();
        if (n.isEmpty() || n.length() > MAX_NOTE) {
            throw new InvalidBulletinException("sending a bulletin back needs a note (\"note\", at most " + MAX_NOTE
                    + " characters) telling its author what to change");
        }
        Bulletin b = find(id);
        Instant now = clock.instant();
        BulletinText text = text(b).withReviewNote(n);
        b.reject(reviewer(), seal(BulletinMessages.sealedText(text)), now);
        audit.recordByCaller("bulletin.sent-back", id.toString(), null, "ok", "to its author");
        return view(b, now);
    }

    // --- reading -------------------------------------------------------------------------------------

    /** The bulletins this organisation wrote and received that the caller may see, newest first. */
    public List<BulletinView> list() {
        Instant now = clock.instant();
        return em
                .createQuery("select b from Bulletin b order by b.createdAt desc", Bulletin.class)
                .setMaxResults(500)
                .getResultList()
                .stream()
                .filter(b -> withheld(b, now).isEmpty())
                .map(b -> view(b, now))
                .toList();
    }

    /**
     * One bulletin. The first time anyone at a recipient organisation opens it, the publisher is told that the
     * organisation read it (not who).
     */
    public BulletinView get(BulletinId id) {
        Bulletin b = find(id);
        Instant now = clock.instant();
        requireVisible(b, now);
        if (b.read(now)) {
            OrgId self = organisations.self();
            messages.sendTo(
                    new Draft(
                            BulletinMessages.READ_TYPE,
                            "bulletin read",
                            BulletinMessages.write(new BulletinMessages.Read(id, self, now)),
                            "bulk",
                            REPORT_LIFETIME),
                    Set.of(b.publisher()),
                    Marking.forOrganisationOnly(b.publisher()));
        }
        return view(b, now);
    }

    public Attachment attachment(BulletinId id, int index) {
        Bulletin b = find(id);
        requireVisible(b, clock.instant());
        List<Attachment> all = text(b).attachments();
        if (index < 1 || index > all.size()) {
            throw new BulletinNotFoundException("the bulletin has no attachment " + index);
        }
        return all.get(index - 1);
    }

    /**
     * The public bulletins (TLP:CLEAR) this node published or received, newest first, for the Atom feed and the
     * digest; open to anyone, so nothing else is ever in it.
     */
    public List<BulletinFeeds.Entry> publicEntries(int limit) {
        List<BulletinFeeds.Entry> out = new ArrayList<>();
        for (Bulletin b : em.createQuery(
                        "select b from Bulletin b where b.state = :published order by b.publishedAt desc",
                        Bulletin.class)
                .setParameter("published", BulletinState.PUBLISHED.name())
                .setMaxResults(limit * 4)
                .getResultList()) {
            Marking m = MarkingJson.parse(b.marking());
            if (m.level() != TlpLevel.CLEAR || !m.namedPersons().isEmpty() || out.size() >= limit) {
                continue;
            }
            out.add(new BulletinFeeds.Entry(
                    b.id().value(),
                    nameOf(b.publisher()),
                    b.publishedAt().orElseThrow(),
                    b.publishedAt().orElseThrow(),
                    text(b).content().translations()));
        }
        return out;
    }

    // --- series and subscriptions ------------------------------------------------------------------

    /**
     * A new series of this organisation, for {@code marking}'s audience; with {@code recurrence}, each issue is
     * assembled from {@code text}'s template. Active once a second editor approves it.
     */
    public SeriesView createSeries(SeriesText text, Marking marking, Optional<Recurrence> recurrence) {
        if (recurrence.isPresent() && text.template().isEmpty()) {
            throw new InvalidBulletinException(
                    "a recurring series needs the \"template\" its issues are assembled" + " from");
        }
        text.template().ifPresent(IssueAssembler::check);
        Instant now = clock.instant();
        Marking m = audience(marking);
        BulletinSeries s = BulletinSeries.draft(
                SeriesId.random(),
                organisations.self(),
                MarkingJson.toText(m),
                seal(BulletinMessages.sealedSeries(text)),
                recurrence,
                caller(),
                now);
        em.persist(s);
        audit.recordByCaller(
                "bulletin.series-created",
                s.id().toString(),
                m.code(),
                "ok",
                recurrence.map(r -> r.frequency().wireName()).orElse("not recurring"));
        return view(s, now);
    }

    /** A second editor approves a series: it is announced to its audience, and a recurring one starts. */
    public SeriesView approveSeries(SeriesId id) {
        BulletinSeries s = findSeries(id);
        Instant now = clock.instant();
        s.approve(reviewer(), now);
        announce(s, now);
        audit.recordByCaller(
                "bulletin.series-approved",
                id.toString(),
                null,
                "ok",
                s.nextIssueAt().map(t -> "first issue at " + t).orElse("announced"));
        return view(s, now);
    }

    public SeriesView endSeries(SeriesId id) {
        BulletinSeries s = findSeries(id);
        Instant now = clock.instant();
        s.end(now);
        announce(s, now);
        audit.recordByCaller("bulletin.series-ended", id.toString(), null, "ok", "audience told");
        return view(s, now);
    }

    public List<SeriesView> listSeries() {
        Instant now = clock.instant();
        return em
                .createQuery("select s from BulletinSeries s order by s.updatedAt desc", BulletinSeries.class)
                .setMaxResults(500)
                .getResultList()
                .stream()
                .map(s -> view(s, now))
                .toList();
    }

    public SeriesView series(SeriesId id) {
        return view(findSeries(id), clock.instant());
    }

    /** This organisation chooses to receive a series another organisation publishes, or not; its publisher is told. */
    public SeriesView subscribe(SeriesId id, boolean on) {
        BulletinSeries s = findSeries(id);
        Instant now = clock.instant();
        s.subscribe(on, now);
        messages.sendTo(
                new Draft(
                        BulletinMessages.SUBSCRIPTION_TYPE,
                        "bulletin subscription",
                        BulletinMessages.write(new BulletinMessages.Subscription(id, organisations.self(), on, now)),
                        "normal",
                        REPORT_LIFETIME),
                Set.of(s.publisher()),
                Marking.forOrganisationOnly(s.publisher()));
        audit.recordByCaller("bulletin.subscription", id.toString(), null, "ok", on ? "receive" : "do not receive");
        return view(s, now);
    }

    // --- the job ---------------------------------------------------------------------------------------

    /**
     * Publishes what is due: approved bulletins whose time has come, and the next issue of each recurring series
     * whose time has come. Each in a transaction of its own. Returns how many were published.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int publishDue() {
        Instant now = clock.instant();
        Bulletins self = context.getBusinessObject(Bulletins.class);
        int n = 0;
        for (String id : em.createQuery(
                        "select b.id from Bulletin b where b.state = :scheduled and (b.publishAt is null or"
                                + " b.publishAt <= :now)",
                        String.class)
                .setParameter("scheduled", BulletinState.SCHEDULED.name())
                .setParameter("now", now)
                .setMaxResults(100)
                .getResultList()) {
            n += self.publishScheduled(BulletinId.parse(id));
        }
        for (String id : em.createQuery(
                        "select s.id from BulletinSeries s where s.state = :active and s.nextIssueAt is not null"
                                + " and s.nextIssueAt <= :now",
                        String.class)
                .setParameter("active", BulletinSeries.State.ACTIVE.name())
                .setParameter("now", now)
                .setMaxResults(100)
                .getResultList()) {
            n += self.publishIssue(SeriesId.parse(id));
        }
        return n;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishScheduled(BulletinId id) {
        Bulletin b = em.find(Bulletin.class, id.toString());
        Instant now = clock.instant();
        if (b == null || !b.due(now)) {
            return 0;
        }
        publish(b, now);
        return 1;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishIssue(SeriesId id) {
        BulletinSeries s = em.find(BulletinSeries.class, id.toString());
        Instant now = clock.instant();
        if (s == null || !s.issueDue(now)) {
            return 0;
        }
        SeriesText st = seriesText(s);
        Recurrence r = s.recurrence().orElseThrow();
        int number = s.issued(now);
        BulletinContent content = IssueAssembler.assemble(
                st.template().orElseThrow(), number, now, r.zone(), r.frequency() == Recurrence.Frequency.WEEKLY);
        Bulletin b = Bulletin.issueOf(
                BulletinId.random(),
                organisations.self(),
                id,
                number,
                s.marking(),
                languages(content),
                seal(BulletinMessages.sealedText(new BulletinText(content, List.of(), Optional.empty()))),
                s.author().orElse("series"),
                s.reviewer().orElse("series"),
                now);
        em.persist(b);
        publish(b, now);
        return 1;
    }

    private void publish(Bulletin b, Instant now) {
        Marking m = MarkingJson.parse(b.marking());
        Set<OrgId> to = new TreeSet<>(Comparator.comparing(OrgId::toString));
        try {
            to.addAll(messages.recipients(m));
        } catch (RoutingRefusedException e) {
            // the audience reaches no one now (a coalition whose other members left): published here only
        }
        Optional<String> seriesName = Optional.empty();
        if (b.series().isPresent()) {
            SeriesId sid = b.series().get();
            em.createQuery("select o from BulletinOptOut o where o.seriesId = :s", BulletinOptOut.class)
                    .setParameter("s", sid.toString())
                    .getResultList()
                    .forEach(o -> to.remove(o.organisation()));
            BulletinSeries s = em.find(BulletinSeries.class, sid.toString());
            seriesName =
                    s == null ? Optional.empty() : Optional.of(seriesText(s).name());
        }
        b.published(now);
        for (OrgId org : to) {
            em.persist(new BulletinRecipient(b.id(), org, now));
        }
        BulletinText text = text(b).withoutReviewNote();
        if (!to.isEmpty()) {
            messages.sendEach(
                    new Draft(
                            BulletinMessages.BULLETIN_TYPE,
                            text.content().original().title(),
                            BulletinMessages.write(new BulletinMessages.Published(
                                    b.id(), b.publisher(), b.series(), seriesName, b.issue(), now, text)),
                            "normal",
                            ENVELOPE_LIFETIME),
                    to,
                    m);
        }
        audit.record(
                "system",
                "bulletin.published",
                b.id().toString(),
                m.code(),
                "ok",
                "to " + to.size() + " organisation(s), " + languagesOf(text));
        LOG.info(() -> "AMICUS-BULLETIN-001 bulletin " + b.id() + " published to " + to.size() + " organisation(s)");
    }

    private void announce(BulletinSeries s, Instant now) {
        Marking m = MarkingJson.parse(s.marking());
        Set<OrgId> to;
        try {
            to = messages.recipients(m);
        } catch (RoutingRefusedException e) {
            return; // no one to tell now
        }
        SeriesText t = seriesText(s);
        messages.sendEach(
                new Draft(
                        BulletinMessages.SERIES_TYPE,
                        t.name(),
                        BulletinMessages.write(new BulletinMessages.Announcement(
                                s.id(),
                                s.publisher(),
                                s.state() == BulletinSeries.State.ENDED,
                                t.name(),
                                t.description(),
                                s.recurrence())),
                        "normal",
                        ENVELOPE_LIFETIME),
                to,
                m);
    }

    // --- what peers send ------------------------------------------------------------------------------

    /** A bulletin, read report, series announcement or subscription from a peer: taken, or why it is refused. */
    public Optional<String> admit(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        Instant now = clock.instant();
        String type = d.content().type();
        try {
            if (BulletinMessages.BULLETIN_TYPE.equals(type)) {
                BulletinMessages.Published p =
                        BulletinMessages.readPublished(d.content().body());
                if (!p.publisher().equals(sender) || sender.equals(organisations.self())) {
                    return Optional.of("bulletin-invalid");
                }
                if (em.find(Bulletin.class, p.bulletin().toString()) != null) {
                    return Optional.of("bulletin-known");
                }
                em.persist(Bulletin.received(
                        p.bulletin(),
                        sender,
                        p.series(),
                        p.issue(),
                        d.content().marking(),
                        languages(p.text().content()),
                        seal(BulletinMessages.sealedText(p.text())),
                        p.publishedAt(),
                        now));
                audit.record(
                        AuditLog.peer(d.fromNode()),
                        "bulletin.received",
                        p.bulletin().toString(),
                        null,
                        "ok",
                        "from organisation " + sender + ", " + languagesOf(p.text()));
                return Optional.empty();
            }
            if (BulletinMessages.READ_TYPE.equals(type)) {
                BulletinMessages.Read r = BulletinMessages.readRead(d.content().body());
                BulletinRecipient rec =
                        em.find(BulletinRecipient.class, new BulletinRecipient.Key(r.bulletin(), sender));
                if (!r.organisation().equals(sender) || rec == null) {
                    return Optional.of("bulletin-read-invalid");
                }
                rec.read(r.readAt());
                return Optional.empty();
            }
            if (BulletinMessages.SERIES_TYPE.equals(type)) {
                BulletinMessages.Announcement a =
                        BulletinMessages.readAnnouncement(d.content().body());
                if (!a.publisher().equals(sender) || sender.equals(organisations.self())) {
                    return Optional.of("bulletin-series-invalid");
                }
                byte[] sealed = seal(
                        BulletinMessages.sealedSeries(new SeriesText(a.name(), a.description(), Optional.empty())));
                BulletinSeries s = em.find(BulletinSeries.class, a.series().toString());
                if (s == null) {
                    s = BulletinSeries.announced(a.series(), sender, d.content().marking(), sealed, now);
                    if (a.ended()) {
                        s.reannounced(d.content().marking(), sealed, true, now);
                    }
                    em.persist(s);
                } else if (s.direction() == Bulletin.Direction.IN
                        && s.publisher().equals(sender)) {
                    s.reannounced(d.content().marking(), sealed, a.ended(), now);
                } else {
                    return Optional.of("bulletin-series-invalid");
                }
                return Optional.empty();
            }
            if (BulletinMessages.SUBSCRIPTION_TYPE.equals(type)) {
                BulletinMessages.Subscription sub =
                        BulletinMessages.readSubscription(d.content().body());
                BulletinSeries s = em.find(BulletinSeries.class, sub.series().toString());
                if (!sub.organisation().equals(sender) || s == null || s.direction() != Bulletin.Direction.OUT) {
                    return Optional.of("bulletin-subscription-invalid");
                }
                BulletinOptOut existing = em.find(BulletinOptOut.class, new BulletinOptOut.Key(sub.series(), sender));
                if (!sub.subscribed() && existing == null) {
                    em.persist(new BulletinOptOut(sub.series(), sender, now));
                } else if (sub.subscribed() && existing != null) {
                    em.remove(existing);
                }
                audit.record(
                        AuditLog.peer(d.fromNode()),
                        "bulletin.subscription",
                        sub.series().toString(),
                        null,
                        "ok",
                        "organisation " + sender + (sub.subscribed() ? " receives it" : " does not receive it"));
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(type.substring("amicus.".length()) + "-invalid");
        }
        return Optional.of("bulletin-invalid");
    }

    // --- helpers --------------------------------------------------------------------------------------

    private Marking audienceOf(Optional<Marking> marking, Optional<SeriesId> series) {
        if (series.isPresent()) {
            BulletinSeries s = findSeries(series.get());
            if (s.direction() != Bulletin.Direction.OUT || s.state() != BulletinSeries.State.ACTIVE) {
                throw new BulletinStateException("a bulletin goes into an active series of this organisation");
            }
            return MarkingJson.parse(s.marking());
        }
        return audience(marking.orElseThrow(() -> new InvalidBulletinException(
                "a bulletin needs an audience: \"marking\" (or a \"series\" of this organisation)")));
    }

    private Marking audience(Marking m) {
        if (m.distribution() instanceof Distribution.OwnOrganisation) {
            throw new InvalidBulletinException("a bulletin needs an audience beyond this organisation: the federation,"
                    + " coalitions or named organisations");
        }
        messages.recipients(m); // refused now if it reaches no one
        return m;
    }

    private static void requireFuture(Optional<Instant> at, Instant now) {
        if (at.isPresent() && !at.get().isAfter(now)) {
            throw new InvalidBulletinException("\"publishAt\" (" + at.get() + ") is not in the future; leave it out"
                    + " to publish once approved");
        }
    }

    private BulletinView view(Bulletin b, Instant now) {
        BulletinText text = text(b);
        List<BulletinView.Recipient> rs = new ArrayList<>();
        if (b.direction() == Bulletin.Direction.OUT) {
            java.util.Map<OrgId, String> names = names();
            for (BulletinRecipient r : em.createQuery(
                            "select r from BulletinRecipient r where r.bulletinId = :b order by r.organisation",
                            BulletinRecipient.class)
                    .setParameter("b", b.id().toString())
                    .getResultList()) {
                rs.add(new BulletinView.Recipient(
                        r.organisation(),
                        names.getOrDefault(r.organisation(), r.organisation().toString()),
                        r.sentAt(),
                        r.readAt()));
            }
        } else {
            text = text.withoutReviewNote();
        }
        Optional<String> seriesName = b.series()
                .map(id -> em.find(BulletinSeries.class, id.toString()))
                .map(s -> seriesText(s).name());
        return new BulletinView(
                b.id(),
                b.direction(),
                b.publisher(),
                nameOf(b.publisher()),
                b.series(),
                seriesName,
                b.issue(),
                b.state(),
                MarkingJson.parse(b.marking()),
                text,
                b.author(),
                b.reviewer(),
                b.publishAt(),
                b.createdAt(),
                b.submittedAt(),
                b.reviewedAt(),
                b.publishedAt(),
                b.receivedAt(),
                b.readAt(),
                rs);
    }

    private SeriesView view(BulletinSeries s, Instant now) {
        long optedOut = s.direction() == Bulletin.Direction.OUT
                ? em.createQuery("select count(o) from BulletinOptOut o where o.seriesId = :s", Long.class)
                        .setParameter("s", s.id().toString())
                        .getSingleResult()
                : 0;
        return new SeriesView(
                s.id(),
                s.direction(),
                s.publisher(),
                nameOf(s.publisher()),
                s.state(),
                seriesText(s),
                MarkingJson.parse(s.marking()),
                s.recurrence(),
                s.nextIssueAt(),
                s.issues(),
                s.author(),
                s.reviewer(),
                s.subscribed(),
                optedOut,
                s.updatedAt());
    }

    private Bulletin find(BulletinId id) {
        Bulletin b = em.find(Bulletin.class, id.toString());
        if (b == null) {
            throw new BulletinNotFoundException("no bulletin " + id + " at this node");
        }
        return b;
    }

    private BulletinSeries findSeries(SeriesId id) {
        BulletinSeries s = em.find(BulletinSeries.class, id.toString());
        if (s == null) {
            throw new BulletinNotFoundException("no bulletin series " + id + " at this node");
        }
        return s;
    }

    private BulletinText text(Bulletin b) {
        return BulletinMessages.readSealedText(unseal(b.sealedContent()));
    }

    private SeriesText seriesText(BulletinSeries s) {
        return BulletinMessages.readSealedSeries(unseal(s.sealedContent()));
    }

    private Optional<String> withheld(Bulletin b, Instant now) {
        Marking m = MarkingJson.parse(b.marking());
        if (b.direction() == Bulletin.Direction.IN && m.restrictedToNamedPersonsIn(organisations.self())) {
            Optional<PersonRef> viewer =
                    Caller.personOf(context.getCallerPrincipal()).map(p -> new PersonRef(organisations.self(), p));
            if (viewer.isEmpty() || !m.mayBeShownTo(viewer.get(), now)) {
                return Optional.of("it is for named persons only, and you are not one of them");
            }
        }
        return Optional.empty();
    }

    private void requireVisible(Bulletin b, Instant now) {
        Optional<String> why = withheld(b, now);
        if (why.isPresent()) {
            throw new ContentWithheldException(why.get());
        }
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

    private static List<LanguageTag> languages(BulletinContent c) {
        return c.translations().stream().map(Translation::language).toList();
    }

    private static String languagesOf(BulletinText t) {
        return "languages "
                + String.join(
                        ", ",
                        languages(t.content()).stream()
                                .map(LanguageTag::toString)
                                .toList())
                + (t.attachments().isEmpty() ? "" : ", " + t.attachments().size() + " attachment(s)");
    }

    private String reviewer() {
        if (Caller.personOf(context.getCallerPrincipal()).isEmpty()) {
            throw new BulletinStateException("a review is a second editor's: sign in as a person with the bulletin"
                    + " editor role (the operator token is no person)");
        }
        return caller();
    }

    private String caller() {
        return Caller.nameOf(context.getCallerPrincipal());
    }

    private byte[] seal(String text) {
        return vault.seal(text.getBytes(StandardCharsets.UTF_8));
    }

    private String unseal(byte[] sealed) {
        return new String(vault.unseal(sealed), StandardCharsets.UTF_8);
    }
}
