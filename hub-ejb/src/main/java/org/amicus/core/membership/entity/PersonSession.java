package org.amicus.core.membership.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A signed-in session. Only the SHA-256 of its bearer token is kept, so a copy of the database does not
 * let anyone act as the person. It ends at logout, after {@link AccessPolicy#idle()} without use, or
 * {@link AccessPolicy#lifetime()} after sign-in; {@code authenticatedAt} is when the person last gave
 * their password and code (at sign-in or to confirm a sensitive change).
 */
@Entity
@Table(name = "person_session")
public class PersonSession {

    @Id
    @Column(name = "token_hash", length = 64, nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "person_id", length = 36, nullable = false, updatable = false)
    private String personId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "authenticated_at", nullable = false)
    private Instant authenticatedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    protected PersonSession() {}

    public PersonSession(String tokenHash, PersonId person, Instant now) {
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.personId = person.toString();
        this.createdAt = now;
        this.lastSeenAt = now;
        this.authenticatedAt = now;
    }

    /** Whether the session may still be used at {@code now}. */
    public boolean isLive(Instant now, AccessPolicy policy) {
        return endedAt == null
                && now.isBefore(lastSeenAt.plus(policy.idle()))
                && now.isBefore(createdAt.plus(policy.lifetime()));
    }

    /** When it will end if not used again (never later than its lifetime). */
    public Instant expiresAt(AccessPolicy policy) {
        Instant idleEnd = lastSeenAt.plus(policy.idle());
        Instant lifeEnd = createdAt.plus(policy.lifetime());
        return idleEnd.isBefore(lifeEnd) ? idleEnd : lifeEnd;
    }

    /** Marks use; only moves forward. */
    public void seen(Instant now) {
        if (now.isAfter(lastSeenAt)) {
            lastSeenAt = now;
        }
    }

    public void reauthenticated(Instant now) {
        authenticatedAt = now;
        seen(now);
    }

    /** Whether the person gave their password and code recently enough for a sensitive change. */
    public boolean recentlyAuthenticated(Instant now, AccessPolicy policy) {
        return !now.isAfter(authenticatedAt.plus(policy.reauthenticateWithin()));
    }

    public void end(Instant now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }

    public String tokenHash() {
        return tokenHash;
    }

    public PersonId personId() {
        return new PersonId(UUID.fromString(personId));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant authenticatedAt() {
        return authenticatedAt;
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }
}
