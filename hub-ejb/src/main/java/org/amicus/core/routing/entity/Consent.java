package org.amicus.core.routing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;

/**
 * The originator's consent to pass one message on to the organisations named, until a time: what an
 * originator-controlled message, or a re-share beyond its distribution, needs. It reaches the holder as a
 * signed reply to its consent request; only its verified content is represented here.
 */
public record Consent(UUID message, OrgId originator, Set<OrgId> organisations, Instant validUntil) {

    public Consent {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(validUntil, "validUntil");
        organisations = Set.copyOf(organisations);
    }

    /** Whether it lets {@code originator}'s message {@code message} go to every one of {@code targets} at {@code now}. */
    public boolean covers(UUID message, OrgId originator, Set<OrgId> targets, Instant now) {
        return this.message.equals(message)
                && this.originator.equals(originator)
                && now.isBefore(validUntil)
                && organisations.containsAll(targets);
    }
}
