package org.amicus.core.membership.entity;

import java.time.Duration;
import java.util.Objects;

/**
 * How strictly a node guards sign-in: after {@code maxFailures} failed attempts in a row an account is
 * locked for {@code lockout}, doubled for each further lock-out up to a day; a session ends after
 * {@code idle} without use or {@code lifetime} after sign-in, whichever comes first; a sensitive change
 * needs the password and a code given within {@code reauthenticateWithin}.
 */
public record AccessPolicy(
        int maxFailures, Duration lockout, Duration idle, Duration lifetime, Duration reauthenticateWithin) {

    public static final Duration LONGEST_LOCKOUT = Duration.ofDays(1);

    public static final AccessPolicy DEFAULT = new AccessPolicy(
            5, Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(5));

    public AccessPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        for (Duration d : new Duration[] {
            Objects.requireNonNull(lockout, "lockout"),
            Objects.requireNonNull(idle, "idle"),
            Objects.requireNonNull(lifetime, "lifetime"),
            Objects.requireNonNull(reauthenticateWithin, "reauthenticateWithin")
        }) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }

    /** The length of the {@code n}th lock-out in a row (1 = first): doubling, at most a day. */
    public Duration lockoutNumber(int n) {
        Duration d = lockout;
        for (int i = 1; i < n && d.compareTo(LONGEST_LOCKOUT) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(LONGEST_LOCKOUT) > 0 ? LONGEST_LOCKOUT : d;
    }
}
