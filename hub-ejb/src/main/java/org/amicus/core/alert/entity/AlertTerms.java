package org.amicus.core.alert.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a security officer states when issuing or updating an alert: severity, category, the words, when it is
 * valid, and how long each recipient organisation has to acknowledge before the alert escalates.
 */
public record AlertTerms(
        Severity severity,
        ThreatCategory category,
        Optional<AlertTemplate> template,
        AlertNotice notice,
        Instant validFrom,
        Instant validUntil,
        Duration escalateAfter) {

    /** The shortest escalation time: a minute (a faster re-send would only add noise). */
    public static final Duration MIN_ESCALATION = Duration.ofMinutes(1);

    /** The longest an alert may be valid: a year; a longer-lived warning is a bulletin. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);

    public AlertTerms {
        if (severity == null) {
            throw new InvalidAlertException("an alert needs a severity: information, warning or critical");
        }
        if (category == null) {
            throw new InvalidAlertException("an alert needs a category: digital, physical, legal or political");
        }
        Objects.requireNonNull(notice, "notice");
        template = template == null ? Optional.empty() : template;
        if (validFrom == null || validUntil == null) {
            throw new InvalidAlertException("an alert needs its validity (\"validUntil\")");
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new InvalidAlertException(
                    "\"validUntil\" (" + validUntil + ") is not after \"validFrom\" (" + validFrom + ")");
        }
        if (Duration.between(validFrom, validUntil).compareTo(MAX_VALIDITY) > 0) {
            throw new InvalidAlertException("an alert is valid for at most 366 days");
        }
        if (escalateAfter == null || escalateAfter.isNegative() || escalateAfter.isZero()) {
            throw new InvalidAlertException("the escalation time is in the past: an alert escalates a positive time"
                    + " after it is sent (\"escalateAfter\", e.g. PT1H, or \"escalateAt\" in the future)");
        }
        if (escalateAfter.compareTo(MIN_ESCALATION) < 0) {
            throw new InvalidAlertException("an alert escalates at the soonest one minute after it is sent");
        }
    }

    /** Checks what only the moment of sending can tell: the alert is not already over. */
    public void requireSendable(Instant now) {
        if (!validUntil.isAfter(now)) {
            throw new InvalidAlertException("\"validUntil\" (" + validUntil + ") is in the past: the alert would"
                    + " expire before it is delivered");
        }
    }

    /**
     * When an organisation that got the alert at {@code sentAt} and has not acknowledged is first escalated; empty if
     * that would be after the validity ends (a short-lived alert that never escalates).
     */
    public java.util.Optional<Instant> firstEscalation(Instant sentAt) {
        Instant at = sentAt.plus(escalateAfter);
        return at.isBefore(validUntil) ? java.util.Optional.of(at) : java.util.Optional.empty();
    }

    /** When an alert stated with these terms stands, at {@code now}, given whether it was withdrawn. */
    public static AlertStatus status(boolean withdrawn, Instant validUntil, Instant now) {
        if (withdrawn) {
            return AlertStatus.WITHDRAWN;
        }
        return validUntil.isAfter(now) ? AlertStatus.ACTIVE : AlertStatus.EXPIRED;
    }

    @Override
    public String toString() {
        return "AlertTerms[" + severity + ", " + category + ", valid until " + validUntil + "]";
    }
}
