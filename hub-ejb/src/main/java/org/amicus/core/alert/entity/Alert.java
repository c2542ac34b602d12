package org.amicus.core.alert.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.amicus.core.membership.entity.OrgId;

/**
 * A security alert as this node holds it: issued here ({@code OUT}) or received from its issuer ({@code IN}). Its
 * words are sealed under the content key ({@link #sealedNotice}); the rest is what routing, the escalation timer and
 * the dashboards need. Each update or withdrawal raises the revision; a node keeps the highest it has seen.
 */
@Entity
@Table(name = "alert")
public class Alert {

    /** Which side of the alert this node is on. */
    public enum Direction {
        OUT,
        IN
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "direction", length = 3, nullable = false, updatable = false)
    private String direction;

    @Column(name = "issuer", length = 36, nullable = false, updatable = false)
    private String issuer;

    @Column(name = "revision", nullable = false)
    private int revision;

    @Column(name = "status", length = 12, nullable = false)
    private String status;

    @Column(name = "severity", length = 12, nullable = false)
    private String severity;

    @Column(name = "category", length = 12, nullable = false)
    private String category;

    @Column(name = "template", length = 32)
    private String template;

    @Column(name = "marking", length = 65536, nullable = false, updatable = false)
    private String marking;

    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_until", nullable = false)
    private Instant validUntil;

    @Column(name = "escalate_after_s", nullable = false)
    private long escalateAfterSeconds;

    @Column(name = "issued_by", length = 80, updatable = false)
    private String issuedBy;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "revised_at", nullable = false)
    private Instant revisedAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_rev")
    private Integer acknowledgedRevision;

    @Column(name = "acknowledged_by", length = 80)
    private String acknowledgedBy;

    @Column(name = "escalations", nullable = false)
    private int escalations;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Alert() {}

    private Alert(
            AlertId id,
            Direction direction,
            OrgId issuer,
            int revision,
            AlertTerms terms,
            String marking,
            byte[] sealedNotice,
            String issuedBy,
            Instant issuedAt,
            Instant revisedAt) {
        this.id = id.toString();
        this.direction = direction.name();
        this.issuer = issuer.toString();
        this.revision = revision;
        this.status = AlertStatus.ACTIVE.name();
        this.marking = marking;
        this.issuedBy = issuedBy;
        this.issuedAt = issuedAt;
        apply(terms, sealedNotice, revisedAt);
    }

    /** An alert this organisation issues now, revision 1. */
    public static Alert issued(
            AlertId id, OrgId self, AlertTerms terms, String marking, byte[] sealedNotice, String by, Instant now) {
        return new Alert(id, Direction.OUT, self, 1, terms, marking, sealedNotice, by, now, now);
    }

    /** An alert received from {@code issuer} at {@code now}, as the issuer last revised it. */
    public static Alert received(
            AlertId id,
            OrgId issuer,
            int revision,
            boolean withdrawn,
            AlertTerms terms,
            String marking,
            byte[] sealedNotice,
            Instant issuedAt,
            Instant revisedAt,
            Instant now) {
        Alert a =
                new Alert(id, Direction.IN, issuer, revision, terms, marking, sealedNotice, null, issuedAt, revisedAt);
        a.receivedAt = now;
        if (withdrawn) {
            a.status = AlertStatus.WITHDRAWN.name();
        }
        return a;
    }

    private void apply(AlertTerms terms, byte[] sealedNotice, Instant at) {
        this.severity = terms.severity().name();
        this.category = terms.category().name();
        this.template = terms.template().map(AlertTemplate::name).orElse(null);
        this.content = sealedNotice.clone();
        this.validFrom = terms.validFrom();
        this.validUntil = terms.validUntil();
        this.escalateAfterSeconds = terms.escalateAfter().toSeconds();
        this.revisedAt = at;
    }

    /**
     * The issuer changes the alert: a new revision with new terms and words, for everyone who got the original.
     *
     * @throws AlertStateException if withdrawn or expired
     */
    public void revise(AlertTerms terms, byte[] sealedNotice, Instant now) {
        requireIssuedHere();
        requireActive(now, "updated");
        revision++;
        apply(terms, sealedNotice, now);
    }

    /**
     * The issuer withdraws the alert (a false alarm, a threat that is over): a new revision that recipients see as
     * withdrawn, with the reason sealed in its words. No more escalations.
     */
    public void withdraw(byte[] sealedNotice, Instant now) {
        requireIssuedHere();
        requireActive(now, "withdrawn");
        revision++;
        status = AlertStatus.WITHDRAWN.name();
        content = sealedNotice.clone();
        revisedAt = now;
    }

    /**
     * A later revision from the issuer reached this node: the receiving side takes it over. Answers false (and
     * changes nothing) for a revision this node already has.
     */
    public boolean takeRevision(
            int newRevision, boolean withdrawn, AlertTerms terms, byte[] sealedNotice, Instant revisedAt) {
        if (direction() != Direction.IN || newRevision <= revision) {
            return false;
        }
        revision = newRevision;
        apply(terms, sealedNotice, revisedAt);
        status = (withdrawn ? AlertStatus.WITHDRAWN : AlertStatus.ACTIVE).name();
        return true;
    }

    /**
     * The issuer re-sent the alert because this organisation had not acknowledged it: flagged for the organisation's
     * security officers until someone acknowledges. Answers false for an escalation already seen.
     */
    public boolean escalated(int level, Instant now) {
        if (direction() != Direction.IN || level <= escalations) {
            return false;
        }
        escalations = level;
        escalatedAt = now;
        return true;
    }

    /**
     * Someone at this organisation acknowledges the alert as it now stands (its current revision).
     *
     * @throws AlertStateException for an alert issued here, or one withdrawn or expired
     */
    public void acknowledge(String by, Instant now) {
        if (direction() != Direction.IN) {
            throw new AlertStateException("this organisation issued the alert; its recipients acknowledge it");
        }
        requireActive(now, "acknowledged");
        acknowledgedAt = now;
        acknowledgedRevision = revision;
        acknowledgedBy = by;
    }

    private void requireIssuedHere() {
        if (direction() != Direction.OUT) {
            throw new AlertStateException("only the issuing organisation changes an alert");
        }
    }

    private void requireActive(Instant now, String what) {
        AlertStatus s = status(now);
        if (s != AlertStatus.ACTIVE) {
            throw new AlertStateException("the alert is " + s.wireName() + " and can no longer be " + what);
        }
    }

    /** Whether the issuer withdrew the alert. */
    public boolean withdrawn() {
        return AlertStatus.WITHDRAWN.name().equals(status);
    }

    public AlertStatus status(Instant now) {
        return AlertTerms.status(AlertStatus.WITHDRAWN.name().equals(status), validUntil, now);
    }

    /** Whether this organisation still has to acknowledge the alert (received, active, current revision unacked). */
    public boolean awaitsAcknowledgement(Instant now) {
        return direction() == Direction.IN
                && status(now) == AlertStatus.ACTIVE
                && (acknowledgedRevision == null || acknowledgedRevision < revision);
    }

    public AlertId id() {
        return AlertId.parse(id);
    }

    public Direction direction() {
        return Direction.valueOf(direction);
    }

    public OrgId issuer() {
        return OrgId.parse(issuer);
    }

    public int revision() {
        return revision;
    }

    public Severity severity() {
        return Severity.valueOf(severity);
    }

    public ThreatCategory category() {
        return ThreatCategory.valueOf(category);
    }

    public Optional<AlertTemplate> template() {
        return Optional.ofNullable(template).map(AlertTemplate::valueOf);
    }

    public String marking() {
        return marking;
    }

    public byte[] sealedNotice() {
        return content.clone();
    }

    public Instant validFrom() {
        return validFrom;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public Duration escalateAfter() {
        return Duration.ofSeconds(escalateAfterSeconds);
    }

    public Optional<String> issuedBy() {
        return Optional.ofNullable(issuedBy);
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant revisedAt() {
        return revisedAt;
    }

    public Optional<Instant> receivedAt() {
        return Optional.ofNullable(receivedAt);
    }

    public Optional<Instant> acknowledgedAt() {
        return Optional.ofNullable(acknowledgedAt);
    }

    public Optional<Integer> acknowledgedRevision() {
        return Optional.ofNullable(acknowledgedRevision);
    }

    public Optional<String> acknowledgedBy() {
        return Optional.ofNullable(acknowledgedBy);
    }

    public int escalations() {
        return escalations;
    }

    public Optional<Instant> escalatedAt() {
        return Optional.ofNullable(escalatedAt);
    }
}
