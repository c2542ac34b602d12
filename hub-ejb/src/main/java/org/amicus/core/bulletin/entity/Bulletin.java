package org.amicus.core.bulletin.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.amicus.core.membership.entity.OrgId;

/**
 * A bulletin as this node holds it: written here ({@code OUT}: drafted, reviewed by a second editor, published now
 * or at its time) or received from its publisher ({@code IN}). Its words in every language and its attachments are
 * sealed under the content key ({@link #sealedContent}); the languages are listed in clear for the lists and feeds.
 */
@Entity
@Table(name = "bulletin")
public class Bulletin {

    /** Which side of the bulletin this node is on. */
    public enum Direction {
        OUT,
        IN
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "direction", length = 3, nullable = false, updatable = false)
    private String direction;

    @Column(name = "publisher", length = 36, nullable = false, updatable = false)
    private String publisher;

    @Column(name = "series_id", length = 36)
    private String seriesId;

    @Column(name = "issue_no")
    private Integer issue;

    @Column(name = "state", length = 12, nullable = false)
    private String state;

    @Column(name = "marking", length = 65536, nullable = false)
    private String marking;

    @Column(name = "languages", length = 400, nullable = false)
    private String languages;

    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "author", length = 80)
    private String author;

    @Column(name = "reviewer", length = 80)
    private String reviewer;

    @Column(name = "publish_at")
    private Instant publishAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "read_at")
    private Instant readAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Bulletin() {}

    /** A draft written here by {@code author}, to be published at {@code publishAt} (or once approved). */
    public static Bulletin draft(
            BulletinId id,
            OrgId self,
            Optional<SeriesId> series,
            String marking,
            List<LanguageTag> languages,
            byte[] sealedContent,
            Optional<Instant> publishAt,
            String author,
            Instant now) {
        Bulletin b = new Bulletin();
        b.id = id.toString();
        b.direction = Direction.OUT.name();
        b.publisher = self.toString();
        b.seriesId = series.map(SeriesId::toString).orElse(null);
        b.state = BulletinState.DRAFT.name();
        b.marking = marking;
        b.languages = join(languages);
        b.content = sealedContent.clone();
        b.publishAt = publishAt.orElse(null);
        b.author = author;
        b.createdAt = now;
        return b;
    }

    /** Issue {@code number} of a recurring series, assembled from its approved template: published at once. */
    public static Bulletin issueOf(
            BulletinId id,
            OrgId self,
            SeriesId series,
            int number,
            String marking,
            List<LanguageTag> languages,
            byte[] sealedContent,
            String author,
            String reviewer,
            Instant now) {
        Bulletin b =
                draft(id, self, Optional.of(series), marking, languages, sealedContent, Optional.empty(), author, now);
        b.issue = number;
        b.reviewer = reviewer;
        b.reviewedAt = now;
        b.state = BulletinState.SCHEDULED.name(); // the series' template was reviewed: due at once
        return b;
    }

    /** A bulletin received from {@code publisher}. */
    public static Bulletin received(
            BulletinId id,
            OrgId publisher,
            Optional<SeriesId> series,
            Optional<Integer> issue,
            String marking,
            List<LanguageTag> languages,
            byte[] sealedContent,
            Instant publishedAt,
            Instant now) {
        Bulletin b = new Bulletin();
        b.id = id.toString();
        b.direction = Direction.IN.name();
        b.publisher = publisher.toString();
        b.seriesId = series.map(SeriesId::toString).orElse(null);
        b.issue = issue.orElse(null);
        b.state = BulletinState.PUBLISHED.name();
        b.marking = marking;
        b.languages = join(languages);
        b.content = sealedContent.clone();
        b.createdAt = now;
        b.publishedAt = publishedAt;
        b.receivedAt = now;
        return b;
    }

    /** A changed draft; a draft sent back by its reviewer is changed the same way. */
    public void redraft(
            String marking, List<LanguageTag> languages, byte[] sealedContent, Optional<Instant> publishAt) {
        requireOwn();
        requireState(BulletinState.DRAFT, "changed (only a draft is)");
        this.marking = marking;
        this.languages = join(languages);
        this.content = sealedContent.clone();
        this.publishAt = publishAt.orElse(null);
    }

    /** The author asks a second editor to review it. */
    public void submit(Instant now) {
        requireOwn();
        requireState(BulletinState.DRAFT, "submitted for review");
        state = BulletinState.IN_REVIEW.name();
        submittedAt = now;
    }

    /**
     * A second editor approves it: it is then published at once, or scheduled for its time. Answers whether it is
     * due now.
     *
     * @throws BulletinStateException if not in review, or if the reviewer is its author
     */
    public boolean approve(String reviewer, Instant now) {
        requireOwn();
        requireState(BulletinState.IN_REVIEW, "approved (it is not in review)");
        if (reviewer.equals(author)) {
            throw new BulletinStateException("a bulletin is reviewed by a second editor, not by its author");
        }
        this.reviewer = reviewer;
        this.reviewedAt = now;
        state = BulletinState.SCHEDULED.name();
        return due(now);
    }

    /**
     * The reviewer sends it back to its author as a draft (with a note in its sealed content); an approved bulletin
     * still waiting for its time can be pulled back so by any editor, its author too (holding back is always safe).
     */
    public void reject(String reviewer, byte[] sealedContent, Instant now) {
        requireOwn();
        if (state() != BulletinState.SCHEDULED) {
            requireState(BulletinState.IN_REVIEW, "sent back (it is neither in review nor waiting for its time)");
            if (reviewer.equals(author)) {
                throw new BulletinStateException("a bulletin is reviewed by a second editor, not by its author");
            }
        }
        this.reviewer = reviewer;
        this.reviewedAt = now;
        this.content = sealedContent.clone();
        state = BulletinState.DRAFT.name();
    }

    /** Whether an approved bulletin's time has come. */
    public boolean due(Instant now) {
        return state() == BulletinState.SCHEDULED && (publishAt == null || !publishAt.isAfter(now));
    }

    public void published(Instant now) {
        requireOwn();
        requireState(BulletinState.SCHEDULED, "published");
        state = BulletinState.PUBLISHED.name();
        publishedAt = now;
    }

    /** Someone at this organisation read the received bulletin; answers true the first time only. */
    public boolean read(Instant now) {
        if (direction() != Direction.IN || readAt != null) {
            return false;
        }
        readAt = now;
        return true;
    }

    private void requireOwn() {
        if (direction() != Direction.OUT) {
            throw new BulletinStateException("this organisation received the bulletin; only its publisher changes it");
        }
    }

    private void requireState(BulletinState s, String what) {
        if (state() != s) {
            throw new BulletinStateException("the bulletin is " + state().wireName() + " and cannot be " + what);
        }
    }

    private static String join(List<LanguageTag> languages) {
        return languages.stream().map(LanguageTag::toString).collect(Collectors.joining(","));
    }

    public BulletinId id() {
        return BulletinId.parse(id);
    }

    public Direction direction() {
        return Direction.valueOf(direction);
    }

    public OrgId publisher() {
        return OrgId.parse(publisher);
    }

    public Optional<SeriesId> series() {
        return Optional.ofNullable(seriesId).map(SeriesId::parse);
    }

    public Optional<Integer> issue() {
        return Optional.ofNullable(issue);
    }

    public BulletinState state() {
        return BulletinState.valueOf(state);
    }

    public String marking() {
        return marking;
    }

    public List<LanguageTag> languages() {
        return Arrays.stream(languages.split(",")).map(LanguageTag::new).toList();
    }

    public byte[] sealedContent() {
        return content.clone();
    }

    public Optional<String> author() {
        return Optional.ofNullable(author);
    }

    public Optional<String> reviewer() {
        return Optional.ofNullable(reviewer);
    }

    public Optional<Instant> publishAt() {
        return Optional.ofNullable(publishAt);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> submittedAt() {
        return Optional.ofNullable(submittedAt);
    }

    public Optional<Instant> reviewedAt() {
        return Optional.ofNullable(reviewedAt);
    }

    public Optional<Instant> publishedAt() {
        return Optional.ofNullable(publishedAt);
    }

    public Optional<Instant> receivedAt() {
        return Optional.ofNullable(receivedAt);
    }

    public Optional<Instant> readAt() {
        return Optional.ofNullable(readAt);
    }
}
