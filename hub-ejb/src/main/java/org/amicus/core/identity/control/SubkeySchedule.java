package org.amicus.core.identity.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * When the organisation's encryption subkey rotates and when retired subkeys are destroyed (issue 3
 * item 6, bounded exposure window). A new subkey is made once the newest one has less than a third of
 * the rotation period left, so peers have time to learn it before the old one expires; a subkey is
 * destroyed once it has been expired for the grace period, so envelopes already on their way (delayed
 * by a node offline for days) can still be opened until then, and not afterwards.
 */
public record SubkeySchedule(Duration validity, Duration grace) {

    /** An encryption subkey whose secret part the node holds. {@code expires} null: never. */
    public record Held(Fingerprint fingerprint, Instant created, Instant expires) {}

    /** What to do now: make a new subkey, and which subkeys to destroy. */
    public record Decision(boolean rotate, List<Fingerprint> destroy) {
        public Decision {
            destroy = List.copyOf(destroy);
        }

        public boolean nothing() {
            return !rotate && destroy.isEmpty();
        }
    }

    public SubkeySchedule {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(grace, "grace");
        if (validity.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("the subkey validity must be at least 10 seconds");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period cannot be negative");
        }
    }

    /** How long before the newest subkey expires its successor is made. */
    public Duration lead() {
        return validity.dividedBy(3);
    }

    public Decision decide(List<Held> held, Instant now) {
        Instant newestExpiry = held.stream()
                .map(h -> h.expires() == null ? Instant.MAX : h.expires())
                .max(Comparator.naturalOrder())
                .orElse(Instant.MIN);
        boolean rotate = newestExpiry != Instant.MAX && !newestExpiry.isAfter(now.plus(lead()));
        List<Fingerprint> destroy = held.stream()
                .filter(h -> h.expires() != null && !h.expires().plus(grace).isAfter(now))
                .map(Held::fingerprint)
                .toList();
        return new Decision(rotate, destroy);
    }
}
