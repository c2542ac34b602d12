package org.amicus.core.membership.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A person with an account at this node: who they are to their colleagues (username, display name),
 * what they may do (roles), and how they prove it (an Argon2id password hash and a TOTP secret, sealed).
 * The rules of signing in live here: lock-out after repeated failures, one use per TOTP time step.
 */
@Entity
@Table(name = "person")
public class Person {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "username", length = 40, nullable = false, updatable = false)
    private String username;

    @Column(name = "display_name", length = 120, nullable = false)
    private String displayName;

    @Column(name = "roles", length = 200, nullable = false)
    private String roles;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private PersonStatus status;

    @Column(name = "password_hash", length = 200, nullable = false)
    private String passwordHash;

    @Column(name = "totp_secret", nullable = false)
    private byte[] sealedTotpSecret;

    @Column(name = "totp_last_step", nullable = false)
    private long totpLastStep;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "lockouts", nullable = false)
    private int lockouts;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 80, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Person() {}

    public Person(
            PersonId id,
            Username username,
            String displayName,
            Set<Role> roles,
            String passwordHash,
            byte[] sealedTotpSecret,
            Instant createdAt,
            String createdBy) {
        this.id = id.toString();
        this.username = username.value();
        this.displayName = checkedDisplayName(displayName);
        this.roles = Role.join(checkedRoles(roles));
        this.status = PersonStatus.ACTIVE;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.sealedTotpSecret =
                Objects.requireNonNull(sealedTotpSecret, "sealedTotpSecret").clone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
    }

    /** A display name: 1 to 120 characters, no control characters. */
    public static String checkedDisplayName(String name) {
        if (name == null
                || name.isBlank()
                || name.strip().length() > 120
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a display name is 1 to 120 characters without control characters");
        }
        return name.strip();
    }

    private static Set<Role> checkedRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a person needs at least one role");
        }
        return roles;
    }

    // --- signing in ---

    /** Whether sign-in is refused without even checking the password. */
    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public Optional<Instant> lockedUntil(Instant now) {
        return isLocked(now) ? Optional.of(lockedUntil) : Optional.empty();
    }

    /**
     * A wrong password or code. Returns true if this failure locked the account (the {@code maxFailures}th in
     * a row); each lock-out in a row lasts twice as long as the one before, up to a day.
     */
    public boolean failedSignIn(Instant now, AccessPolicy policy) {
        failedAttempts++;
        if (failedAttempts >= policy.maxFailures()) {
            lockouts++;
            failedAttempts = 0;
            lockedUntil = now.plus(policy.lockoutNumber(lockouts));
            return true;
        }
        return false;
    }

    /** A TOTP code was right for {@code step}; refused (false) if that step or a later one was used before. */
    public boolean useTotpStep(long step) {
        if (step <= totpLastStep) {
            return false;
        }
        totpLastStep = step;
        return true;
    }

    public void signedIn(Instant now) {
        failedAttempts = 0;
        lockouts = 0;
        lockedUntil = null;
        lastLoginAt = now;
    }

    /** An administrator lifts a lock-out. */
    public void unlock() {
        failedAttempts = 0;
        lockouts = 0;
        lockedUntil = null;
    }

    // --- administration ---

    public void changeRoles(Set<Role> newRoles) {
        this.roles = Role.join(checkedRoles(newRoles));
    }

    public void rename(String newDisplayName) {
        this.displayName = checkedDisplayName(newDisplayName);
    }

    public void changeStatus(PersonStatus newStatus) {
        this.status = Objects.requireNonNull(newStatus, "status");
    }

    public void changePassword(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
    }

    public void replaceTotpSecret(byte[] sealed) {
        this.sealedTotpSecret = sealed.clone();
        this.totpLastStep = 0;
    }

    // --- reading ---

    public PersonId id() {
        return new PersonId(UUID.fromString(id));
    }

    public Username username() {
        return new Username(username);
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return Role.split(roles);
    }

    public boolean isActive() {
        return status == PersonStatus.ACTIVE;
    }

    public PersonStatus status() {
        return status;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public byte[] sealedTotpSecret() {
        return sealedTotpSecret.clone();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Optional<Instant> lastLoginAt() {
        return Optional.ofNullable(lastLoginAt);
    }
}
