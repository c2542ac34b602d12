package org.amicus.core.membership.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.membership.boundary.PeopleRefusedException.Reason;
import org.amicus.core.membership.control.CredentialCrypto;
import org.amicus.core.membership.control.Passwords;
import org.amicus.core.membership.control.Totp;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.Person;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonSession;
import org.amicus.core.membership.entity.PersonStatus;
import org.amicus.core.membership.entity.Role;
import org.amicus.core.membership.entity.Username;
import org.amicus.core.platform.control.Sha256;

/**
 * The people of this node's organisation (docs/access.md): administrators add them with roles and a first
 * password, and get back the TOTP enrolment to hand over; change roles, disable, reset credentials. The
 * node never runs without an active administrator once it has one. Every change is audited.
 */
@Stateless
public class People {

    private static volatile String decoyHash;

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

    public Enrolment add(Caller by, Username username, String displayName, Set<Role> roles, char[] password) {
        displayName = displayName(displayName);
        rejectWeak(password, username);
        if (roles == null || roles.isEmpty()) {
            throw new PeopleRefusedException(Reason.INVALID, "a person needs at least one role");
        }
        if (byUsername(username).isPresent()) {
            throw new PeopleRefusedException(Reason.USERNAME_TAKEN, "the username " + username + " is taken");
        }
        Instant now = clock.instant();
        byte[] secret = crypto.newTotpSecret();
        try {
            Person p = new Person(
                    PersonId.random(),
                    username,
                    displayName,
                    roles,
                    crypto.hashPassword(password),
                    crypto.seal(secret),
                    now,
                    by.principal());
            em.persist(p);
            try {
                em.flush();
            } catch (PersistenceException e) { // someone took the name in the meantime
                throw new PeopleRefusedException(Reason.USERNAME_TAKEN, "the username " + username + " is taken");
            }
            audit.record(by.principal(), "person.added", "person:" + p.id(), null, "ok", "roles " + Role.join(roles));
            return enrolment(p, secret, now);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    public List<PersonView> list() {
        Instant now = clock.instant();
        return em.createQuery("SELECT p FROM Person p ORDER BY p.username", Person.class).getResultList().stream()
                .map(p -> PersonView.of(p, now))
                .toList();
    }

    public PersonView find(PersonId id) {
        return PersonView.of(load(id), clock.instant());
    }

    /** Changes any of display name, roles and status (null = unchanged). Disabling ends the person's sessions. */
    public PersonView change(Caller by, PersonId id, String displayName, Set<Role> roles, PersonStatus status) {
        Person p = load(id);
        boolean hadAdministrator = hasActiveAdministrator();
        String who = "person:" + id;
        if (displayName != null) {
            p.rename(displayName(displayName));
            audit.record(by.principal(), "person.renamed", who, null, "ok", null);
        }
        if (roles != null) {
            if (roles.isEmpty()) {
                throw new PeopleRefusedException(Reason.INVALID, "a person needs at least one role");
            }
            Set<Role> before = p.roles();
            p.changeRoles(roles);
            audit.record(
                    by.principal(), "person.roles", who, null, "ok", Role.join(before) + " -> " + Role.join(roles));
        }
        if (status != null && status != p.status()) {
            p.changeStatus(status);
            if (status == PersonStatus.DISABLED) {
                endSessions(id);
            }
            audit.record(
                    by.principal(),
                    "person." + status.name().toLowerCase(java.util.Locale.ROOT),
                    who,
                    null,
                    "ok",
                    null);
        }
        if (hadAdministrator && !hasActiveAdministrator()) {
            throw new PeopleRefusedException(
                    Reason.LAST_ADMINISTRATOR, "this would leave no active administrator; make someone else one first");
        }
        return PersonView.of(p, clock.instant());
    }

    /**
     * Sets a new password and a new TOTP secret (a lost phone, a forgotten password), lifts any lock-out
     * and ends the person's sessions. Returns the new enrolment.
     */
    public Enrolment resetCredentials(Caller by, PersonId id, char[] newPassword) {
        Person p = load(id);
        rejectWeak(newPassword, p.username());
        byte[] secret = crypto.newTotpSecret();
        try {
            p.changePassword(crypto.hashPassword(newPassword));
            p.replaceTotpSecret(crypto.seal(secret));
            p.unlock();
            endSessions(id);
            audit.record(by.principal(), "person.credentials-reset", "person:" + id, null, "ok", null);
            return enrolment(p, secret, clock.instant());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** A person changes their own password, giving the current one. Their other sessions end. */
    public void changeOwnPassword(Caller me, String currentToken, char[] current, char[] next) {
        PersonId id = me.person()
                .orElseThrow(() -> new PeopleRefusedException(
                        Reason.INVALID, "the operator has no password; sign in as a person"));
        Person p = load(id);
        if (!crypto.passwordMatches(current, p.passwordHash())) {
            audit.record(me.principal(), "person.password", me.principal(), null, "refused", "wrong password");
            throw new PeopleRefusedException(Reason.CREDENTIAL_REJECTED, "the current password is not right");
        }
        rejectWeak(next, p.username());
        p.changePassword(crypto.hashPassword(next));
        endSessions(id, currentToken == null ? null : Sha256.hex(currentToken));
        audit.record(me.principal(), "person.password", me.principal(), null, "ok", null);
    }

    /** The person with this username, if any (for signing in). */
    public Optional<Person> byUsername(Username username) {
        return em.createQuery("SELECT p FROM Person p WHERE p.username = :u", Person.class)
                .setParameter("u", username.value())
                .getResultStream()
                .findFirst();
    }

    /** A hash of nothing, checked when a username is unknown, so that failing costs the same time either way. */
    public String decoyHash() {
        String h = decoyHash;
        if (h == null) {
            h = crypto.hashPassword("decoy password, matches nothing".toCharArray());
            decoyHash = h;
        }
        return h;
    }

    private void endSessions(PersonId id) {
        endSessions(id, null);
    }

    /** Ends every live session of a person, except the one whose token hash is {@code keep}. */
    private void endSessions(PersonId id, String keep) {
        Instant now = clock.instant();
        em.createQuery("SELECT s FROM PersonSession s WHERE s.personId = :p AND s.endedAt IS NULL", PersonSession.class)
                .setParameter("p", id.toString())
                .getResultStream()
                .filter(s -> !s.tokenHash().equals(keep))
                .forEach(s -> s.end(now));
    }

    private boolean hasActiveAdministrator() {
        return em.createQuery("SELECT p FROM Person p", Person.class).getResultList().stream()
                .anyMatch(p -> p.isActive() && p.roles().contains(Role.ADMINISTRATOR));
    }

    private Person load(PersonId id) {
        Person p = em.find(Person.class, id.toString());
        if (p == null) {
            throw new PersonNotFoundException(id.toString());
        }
        return p;
    }

    private static String displayName(String name) {
        try {
            return Person.checkedDisplayName(name);
        } catch (IllegalArgumentException e) {
            throw new PeopleRefusedException(Reason.INVALID, e.getMessage());
        }
    }

    private static void rejectWeak(char[] password, Username username) {
        Passwords.weakness(password, username.value()).ifPresent(w -> {
            throw new PeopleRefusedException(Reason.CREDENTIAL_REJECTED, w);
        });
    }

    private Enrolment enrolment(Person p, byte[] secret, Instant now) {
        return new Enrolment(
                PersonView.of(p, now), Totp.uri(settings.issuer(), p.username().value(), secret), Totp.base32(secret));
    }
}
