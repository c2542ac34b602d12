package org.amicus.core.alert.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.amicus.core.membership.entity.OrgId;

/**
 * On the issuer's node, one organisation an alert went to: whether it acknowledged (and which revision), and when the
 * escalation timer next looks at it. The timer's whole state is here, so a restart loses no escalation.
 */
@Entity
@Table(name = "alert_recipient")
@IdClass(AlertRecipient.Key.class)
public class AlertRecipient {

    /** At most this many escalations per organisation: after that the issuer follows up by other means. */
    public static final int MAX_ESCALATIONS = 5;

    @Id
    @Column(name = "alert_id", length = 36, nullable = false, updatable = false)
    private String alertId;

    @Id
    @Column(name = "organisation", length = 36, nullable = false, updatable = false)
    private String organisation;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "acknowledged_rev")
    private Integer acknowledgedRevision;

    @Column(name = "escalations", nullable = false)
    private int escalations;

    @Column(name = "next_escalation_at")
    private Instant nextEscalationAt;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AlertRecipient() {}

    public AlertRecipient(AlertId alert, OrgId organisation, Instant sentAt, Instant firstEscalation) {
        this.alertId = alert.toString();
        this.organisation = organisation.toString();
        this.sentAt = sentAt;
        this.nextEscalationAt = firstEscalation;
    }

    /**
     * The organisation acknowledged {@code revision} at {@code at}: no further escalation. A late acknowledgement of
     * an earlier revision does not undo a later one.
     */
    public void acknowledged(int revision, Instant at) {
        if (acknowledgedRevision != null && acknowledgedRevision >= revision) {
            return;
        }
        acknowledgedRevision = revision;
        acknowledgedAt = at;
        nextEscalationAt = null;
    }

    /** Whether the timer escalates this organisation at {@code now}. */
    public boolean escalationDue(Instant now) {
        return acknowledgedAt == null && nextEscalationAt != null && !nextEscalationAt.isAfter(now);
    }

    /**
     * The alert was re-sent to this organisation and flagged on the dashboard; the next escalation follows after
     * {@code every}, up to {@value #MAX_ESCALATIONS} in all. Returns the escalation's number.
     */
    public int escalate(Instant now, Duration every) {
        escalations++;
        escalatedAt = now;
        nextEscalationAt = escalations >= MAX_ESCALATIONS ? null : now.plus(every);
        return escalations;
    }

    /** The alert was withdrawn or expired: nothing more to escalate. */
    public void stopEscalating() {
        nextEscalationAt = null;
    }

    public OrgId organisation() {
        return OrgId.parse(organisation);
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Optional<Instant> acknowledgedAt() {
        return Optional.ofNullable(acknowledgedAt);
    }

    public Optional<Integer> acknowledgedRevision() {
        return Optional.ofNullable(acknowledgedRevision);
    }

    public int escalations() {
        return escalations;
    }

    public Optional<Instant> nextEscalationAt() {
        return Optional.ofNullable(nextEscalationAt);
    }

    public Optional<Instant> escalatedAt() {
        return Optional.ofNullable(escalatedAt);
    }

    /** The key: the alert and the organisation. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String alertId;
        private String organisation;

        public Key() {}

        public Key(AlertId alert, OrgId organisation) {
            this.alertId = alert.toString();
            this.organisation = organisation.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(alertId, k.alertId)
                    && Objects.equals(organisation, k.organisation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(alertId, organisation);
        }
    }
}
