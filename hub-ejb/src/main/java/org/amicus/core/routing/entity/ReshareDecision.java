package org.amicus.core.routing.entity;

import java.util.Objects;
import java.util.Set;
import org.amicus.core.membership.entity.OrgId;

/**
 * The answer to "may this holder pass this message on to these organisations?": allowed, with the
 * organisations that would newly receive it, or refused with a reason a person can act on. Both are audited.
 */
public record ReshareDecision(boolean allowed, String reason, Set<OrgId> newRecipients) {

    public ReshareDecision {
        Objects.requireNonNull(reason, "reason");
        newRecipients = Set.copyOf(newRecipients);
    }

    public static ReshareDecision refused(String reason) {
        return new ReshareDecision(false, reason, Set.of());
    }

    public static ReshareDecision allowed(String reason, Set<OrgId> to) {
        return new ReshareDecision(true, reason, to);
    }
}
