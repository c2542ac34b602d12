package org.amicus.core.membership.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.membership.control.CredentialCrypto;
import org.amicus.core.membership.control.Totp;
import org.amicus.core.membership.entity.AccessPolicy;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.Person;
import org.amicus.core.membership.entity.PersonSession;
import org.amicus.core.membership.entity.Username;
import org.amicus.core.platform.control.Sha256;

/**
 * Signing in and out (docs/access.md): a password and a TOTP code give a fresh bearer token; the token is
 * checked on every request; sensitive changes ask for the password and a code again. Every sign-in,
 * failure, lock-out and sign-out is audited (the username only when it names an account; never a
 * password, code or token).
 */
@Stateless
public class Sessions {

    /** How much a session's last use may lag: it is written at most this often, not on every request. */
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CredentialCrypto crypto;

    @Inject
    AccessSettings settings;

    @Inject
    AuditLog audit;

    @Inject
    People people;

    /** Signs in. A refusal is returned, not thrown, so that the failure count it raised is committed. */
    public SignIn signIn(String username, char[] password, String code) {
        Instant now = clock.instant();
        AccessPolicy policy = settings.policy();
        Optional<Person> found = parse(username).flatMap(people::byUsername);
        if (found.isEmpty() || !found.get().isActive()) {
            crypto.passwordMatches(password, people.decoyHash()); // the same work as for a real account
            audit.record(
                    AuditLog.ANONYMOUS,
                    "login.failed",
                    found.map(p -> "person:" + p.id()).orElse(null),
                    null,
                    "refused",
                    found.isEmpty() ? "no such username" : "account disabled");
            return new SignIn.Refused();
        }
        Person p = found.get();
        String who = "person:" + p.id();
        if (p.isLocked(now)) {
            crypto.passwordMatches(password, people.decoyHash()); // the same work: a lock-out is not revealed
            audit.record(
                    who,
                    "login.failed",
                    who,
                    null,
                    "refused",
                    "locked until " + p.lockedUntil(now).get());
            return new SignIn.Refused();
        }
        String wrong = checkCredentials(p, password, code, now);
        if (wrong != null) {
            audit.record(who, "login.failed", who, null, "refused", wrong);
            countFailure(p, now);
            return new SignIn.Refused();
        }
        p.signedIn(now);
        String token = newToken();
        PersonSession s = new PersonSession(Sha256.hex(token), p.id(), now);
        em.persist(s);
        audit.record(who, "login", who, null, "ok", null);
        return new SignIn.SignedIn(token, Caller.person(p, s), s.expiresAt(policy));
    }

    /** The caller a bearer token stands for, if it is a live session of an active person. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        PersonSession s = em.find(PersonSession.class, Sha256.hex(token));
        if (s == null || !s.isLive(now, settings.policy())) {
            return Optional.empty();
        }
        Person p = em.find(Person.class, s.personId().toString());
        if (p == null || !p.isActive()) {
            return Optional.empty();
        }
        if (s.lastSeenAt().plus(SEEN_RESOLUTION).isBefore(now)) {
            s.seen(now);
        }
        return Optional.of(Caller.person(p, s));
    }

    /** When the session of {@code token} ends if not used again. */
    public Optional<Instant> expiresAt(String token) {
        PersonSession s = em.find(PersonSession.class, Sha256.hex(token));
        return Optional.ofNullable(s).map(x -> x.expiresAt(settings.policy()));
    }

    /** Ends the session of {@code token} at once; the token is worthless afterwards. */
    public void signOut(String token) {
        PersonSession s = em.find(PersonSession.class, Sha256.hex(token));
        if (s != null && s.endedAt().isEmpty()) {
            s.end(clock.instant());
            String who = "person:" + s.personId();
            audit.record(who, "logout", who, null, "ok", null);
        }
    }

    /**
     * Confirms the person behind {@code token} with their password and a code again, so that sensitive
     * changes may follow. Failures count towards lock-out like failed sign-ins. Returns whether it succeeded.
     */
    public boolean reauthenticate(String token, char[] password, String code) {
        Instant now = clock.instant();
        PersonSession s = em.find(PersonSession.class, Sha256.hex(token));
        if (s == null || !s.isLive(now, settings.policy())) {
            return false;
        }
        Person p = em.find(Person.class, s.personId().toString());
        String who = "person:" + p.id();
        if (!p.isActive() || p.isLocked(now)) {
            audit.record(who, "reauthentication", who, null, "refused", "locked or disabled");
            return false;
        }
        String wrong = checkCredentials(p, password, code, now);
        if (wrong != null) {
            audit.record(who, "reauthentication", who, null, "refused", wrong);
            if (countFailure(p, now)) {
                s.end(now); // locked: this session ends as well
            }
            return false;
        }
        s.reauthenticated(now);
        audit.record(who, "reauthentication", who, null, "ok", null);
        return true;
    }

    /** Counts a failed attempt; if it locks the account, that is audited. Returns whether it did. */
    private boolean countFailure(Person p, Instant now) {
        if (!p.failedSignIn(now, settings.policy())) {
            return false;
        }
        String who = "person:" + p.id();
        audit.record(
                who,
                "account.locked",
                who,
                null,
                "ok",
                "until " + p.lockedUntil(now).get());
        return true;
    }

    /** Null if the password and code are right (the code's step is then used up), else what was wrong. */
    private String checkCredentials(Person p, char[] password, String code, Instant now) {
        if (!crypto.passwordMatches(password, p.passwordHash())) {
            return "wrong password";
        }
        byte[] secret = crypto.unseal(p.sealedTotpSecret());
        try {
            OptionalLong step = Totp.matchingStep(crypto, secret, code, now);
            if (step.isEmpty()) {
                return "wrong code";
            }
            if (!p.useTotpStep(step.getAsLong())) {
                return "code used before";
            }
            return null;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static Optional<Username> parse(String username) {
        try {
            return Optional.of(new Username(username));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
