package org.amicus.core.membership.boundary;

import java.time.Instant;
import java.util.List;
import org.amicus.core.membership.entity.Person;
import org.amicus.core.membership.entity.Role;

/** A person as administrators see them: never a credential. */
public record PersonView(
        String id,
        String username,
        String displayName,
        List<String> roles,
        String status,
        Instant createdAt,
        String createdBy,
        Instant lastLoginAt,
        Instant lockedUntil) {

    static PersonView of(Person p, Instant now) {
        return new PersonView(
                p.id().toString(),
                p.username().value(),
                p.displayName(),
                p.roles().stream().map(Role::wireName).toList(),
                p.status().name().toLowerCase(java.util.Locale.ROOT),
                p.createdAt(),
                p.createdBy(),
                p.lastLoginAt().orElse(null),
                p.lockedUntil(now).orElse(null));
    }
}
