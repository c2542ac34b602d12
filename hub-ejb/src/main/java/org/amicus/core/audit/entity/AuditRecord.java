package org.amicus.core.audit.entity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What an audit entry says, as values: when (to the microsecond, as the database keeps it), who ({@code
 * operator}, {@code node}, {@code peer:<node id>}, later a person's id), which action, on which object, under
 * which marking (its code), the outcome and a short detail. Nothing in it may be content.
 */
public record AuditRecord(
        Instant at, String actor, String action, String subject, String marking, String outcome, String detail) {

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        at = at.truncatedTo(ChronoUnit.MICROS);
        actor = clip(Objects.requireNonNull(actor, "actor"), 80);
        action = clip(Objects.requireNonNull(action, "action"), 40);
        subject = subject == null ? null : clip(subject, 80);
        marking = marking == null ? null : clip(marking, 80);
        outcome = clip(Objects.requireNonNull(outcome, "outcome"), 16);
        detail = detail == null ? null : clip(detail, 300);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
