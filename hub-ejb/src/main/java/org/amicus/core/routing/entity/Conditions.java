package org.amicus.core.routing.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The conditions of the confidentiality agreement the material is shared under. Amicus enforces them:
 * {@code originatorControl} means no re-sharing without the originator's signed consent; an embargo
 * forbids re-sharing until it ends; after {@code expires} the material is no longer shown or passed on.
 */
public record Conditions(
        boolean originatorControl, PermittedUse use, Optional<Instant> embargoUntil, Optional<Instant> expires) {

    public static final Conditions NONE = new Conditions(false, PermittedUse.ANY, Optional.empty(), Optional.empty());

    public Conditions {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(embargoUntil, "embargoUntil");
        Objects.requireNonNull(expires, "expires");
        if (embargoUntil.isPresent()
                && expires.isPresent()
                && !embargoUntil.get().isBefore(expires.get())) {
            throw new InvalidMarkingException("the embargo ends at or after the expiry: the material could never be"
                    + " re-shared; end the embargo before it expires");
        }
    }

    public boolean embargoed(Instant now) {
        return embargoUntil.map(now::isBefore).orElse(false);
    }

    public boolean expired(Instant now) {
        return expires.map(e -> !now.isBefore(e)).orElse(false);
    }
}
