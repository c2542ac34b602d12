package org.amicus.core.membership.entity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is making a request: a signed-in person (with their roles) or the node's operator (holder of the
 * operator token in the node's data directory, who can do everything the node's files allow anyway).
 * {@link #principal()} is the name the audit log records: {@code person:<id>} or {@code operator}.
 */
public record Caller(Optional<PersonId> person, String username, Set<Role> roles, Instant authenticatedAt) {

    public static final String OPERATOR = "operator";

    public Caller {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(username, "username");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(authenticatedAt, "authenticatedAt");
    }

    /** The operator: every role, authenticated at each request by the token file only they can read. */
    public static Caller operator(Instant now) {
        return new Caller(Optional.empty(), OPERATOR, EnumSet.allOf(Role.class), now);
    }

    public static Caller person(Person p, PersonSession s) {
        return new Caller(Optional.of(p.id()), p.username().value(), p.roles(), s.authenticatedAt());
    }

    public boolean isOperator() {
        return person.isEmpty();
    }

    /** The name a principal goes by in records ({@code person:<id>}, {@code operator}), or {@code node} if none. */
    public static String nameOf(java.security.Principal principal) {
        String name = principal == null ? null : principal.getName();
        return name == null || name.isBlank() || "ANONYMOUS".equals(name) ? "node" : name;
    }

    /** The person a principal named by {@link #principal()} is; empty for the operator or no one. */
    public static Optional<PersonId> personOf(java.security.Principal principal) {
        String name = principal == null ? null : principal.getName();
        if (name != null && name.startsWith("person:")) {
            try {
                return Optional.of(PersonId.parse(name.substring("person:".length())));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public String principal() {
        return person.map(id -> "person:" + id).orElse(OPERATOR);
    }

    public boolean hasAnyRole(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Whether a sensitive change may go ahead without asking for the password and code again. */
    public boolean recentlyAuthenticated(Instant now, AccessPolicy policy) {
        return isOperator() || !now.isAfter(authenticatedAt.plus(policy.reauthenticateWithin()));
    }
}
