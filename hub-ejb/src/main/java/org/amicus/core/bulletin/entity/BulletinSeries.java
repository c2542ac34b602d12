package org.amicus.core.bulletin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import org.amicus.core.membership.entity.OrgId;

/**
 * A series of bulletins (a monthly update, a newsletter to a coalition). On its publisher's node ({@code OUT}) it
 * has an audience (its marking), a name and description, and, when it recurs, a template and a schedule: a second
 * editor approves it once, after which each issue is assembled and published at its time. On the nodes of its
 * audience ({@code IN}) it is announced, and each organisation chooses whether to receive it ({@link #subscribed}).
 */
@Entity
@Table(name = "bulletin_series")
public class BulletinSeries {

    /** Where a series stands. */
    public enum State {
        DRAFT,
        ACTIVE,
        ENDED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "direction", length = 3, nullable = false, updatable = false)
    private String direction;

    @Column(name = "publisher", length = 36, nullable = false, updatable = false)
    private String publisher;

    @Column(name = "state", length = 12, nullable = false)
    private String state;

    @Column(name = "marking", length = 65536, nullable = false)
    private String marking;

    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "frequency", length = 8)
    private String frequency;

    @Column(name = "recur_day")
    private Integer day;

    @Column(name = "recur_at", length = 8)
    private String at;

    @Column(name = "recur_zone", length = 64)
    private String zone;

    @Column(name = "next_issue_at")
    private Instant nextIssueAt;

    @Column(name = "issues", nullable = false)
    private int issues;

    @Column(name = "author", length = 80)
    private String author;

    @Column(name = "reviewer", length = 80)
    private String reviewer;

    @Column(name = "subscribed", nullable = false)
    private boolean subscribed = true;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected BulletinSeries() {}

    /** A new series of this organisation, waiting for a second editor's approval. */
    public static BulletinSeries draft(
            SeriesId id,
            OrgId self,
            String marking,
            byte[] sealedContent,
            Optional<Recurrence> recurrence,
            String author,
            Instant now) {
        BulletinSeries s = new BulletinSeries();
        s.id = id.toString();
        s.direction = Bulletin.Direction.OUT.name();
        s.publisher = self.toString();
        s.state = State.DRAFT.name();
        s.marking = marking;
        s.content = sealedContent.clone();
        recurrence.ifPresent(r -> {
            s.frequency = r.frequency().name();
            s.day = r.day();
            s.at = r.at().toString();
            s.zone = r.zone().getId();
        });
        s.author = author;
        s.updatedAt = now;
        return s;
    }

    /** A series another organisation announced to this one (received as active). */
    public static BulletinSeries announced(
            SeriesId id, OrgId publisher, String marking, byte[] sealedContent, Instant now) {
        BulletinSeries s = new BulletinSeries();
        s.id = id.toString();
        s.direction = Bulletin.Direction.IN.name();
        s.publisher = publisher.toString();
        s.state = State.ACTIVE.name();
        s.marking = marking;
        s.content = sealedContent.clone();
        s.updatedAt = now;
        return s;
    }

    /**
     * A second editor approves the series: it becomes active (and is announced); a recurring one gets its first
     * issue time.
     */
    public void approve(String reviewer, Instant now) {
        requireOwn();
        if (state() != State.DRAFT) {
            throw new BulletinStateException("the series is " + state().wireName() + " and cannot be approved");
        }
        if (reviewer.equals(author)) {
            throw new BulletinStateException("a series is approved by a second editor, not by its author");
        }
        this.reviewer = reviewer;
        state = State.ACTIVE.name();
        nextIssueAt = recurrence().map(r -> r.next(now)).orElse(null);
        updatedAt = now;
    }

    /** No more issues; the audience is told. */
    public void end(Instant now) {
        requireOwn();
        if (state() != State.ACTIVE) {
            throw new BulletinStateException("the series is " + state().wireName() + "; only an active one ends");
        }
        state = State.ENDED.name();
        nextIssueAt = null;
        updatedAt = now;
    }

    /** Whether a recurring series' next issue is due. */
    public boolean issueDue(Instant now) {
        return state() == State.ACTIVE && nextIssueAt != null && !nextIssueAt.isAfter(now);
    }

    /**
     * Issue n was published at {@code now}: the next one is set by the schedule (one issue, however long the node
     * was down: a restart publishes what is overdue once, not every missed period). Returns the issue's number.
     */
    public int issued(Instant now) {
        issues++;
        nextIssueAt = recurrence().map(r -> r.next(now)).orElse(null);
        updatedAt = now;
        return issues;
    }

    /** The publisher changed or ended the series it announced (received side). */
    public void reannounced(String marking, byte[] sealedContent, boolean ended, Instant now) {
        this.marking = marking;
        this.content = sealedContent.clone();
        this.state = (ended ? State.ENDED : State.ACTIVE).name();
        this.updatedAt = now;
    }

    /** This organisation's choice to receive the series or not (received side). */
    public void subscribe(boolean on, Instant now) {
        if (direction() != Bulletin.Direction.IN) {
            throw new BulletinStateException("this organisation publishes the series; its audience subscribes");
        }
        subscribed = on;
        updatedAt = now;
    }

    private void requireOwn() {
        if (direction() != Bulletin.Direction.OUT) {
            throw new BulletinStateException("another organisation publishes this series");
        }
    }

    public SeriesId id() {
        return SeriesId.parse(id);
    }

    public Bulletin.Direction direction() {
        return Bulletin.Direction.valueOf(direction);
    }

    public OrgId publisher() {
        return OrgId.parse(publisher);
    }

    public State state() {
        return State.valueOf(state);
    }

    public String marking() {
        return marking;
    }

    public byte[] sealedContent() {
        return content.clone();
    }

    public Optional<Recurrence> recurrence() {
        if (frequency == null) {
            return Optional.empty();
        }
        return Optional.of(new Recurrence(
                Recurrence.Frequency.valueOf(frequency), day, LocalTime.parse(at), Recurrence.zone(zone)));
    }

    public Optional<Instant> nextIssueAt() {
        return Optional.ofNullable(nextIssueAt);
    }

    public int issues() {
        return issues;
    }

    public Optional<String> author() {
        return Optional.ofNullable(author);
    }

    public Optional<String> reviewer() {
        return Optional.ofNullable(reviewer);
    }

    public boolean subscribed() {
        return subscribed;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
