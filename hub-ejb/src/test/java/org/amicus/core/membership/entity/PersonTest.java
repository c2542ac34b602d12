package org.amicus.core.membership.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final AccessPolicy POLICY = AccessPolicy.DEFAULT;

    private static Person alice() {
        return new Person(
                PersonId.random(),
                new Username("Alice"),
                "Alice A.",
                Set.of(Role.ANALYST),
                "$argon2id$…",
                new byte[] {1},
                T0,
                "operator");
    }

    @Test
    void fiveFailuresInARowLockTheAccountForFifteenMinutes() {
        Person p = alice();
        for (int i = 1; i < 5; i++) {
            assertFalse(p.failedSignIn(T0, POLICY), "failure " + i + " does not lock");
            assertFalse(p.isLocked(T0));
        }
        assertTrue(p.failedSignIn(T0, POLICY), "the fifth locks");
        assertTrue(p.isLocked(T0.plus(Duration.ofMinutes(14))));
        assertFalse(p.isLocked(T0.plus(Duration.ofMinutes(15))), "and it unlocks by itself");
    }

    @Test
    void eachFurtherLockoutInARowLastsTwiceAsLongUpToADay() {
        Person p = alice();
        Instant t = T0;
        Duration[] expected = {
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(16),
            Duration.ofDays(1),
            Duration.ofDays(1)
        };
        for (Duration d : expected) {
            for (int i = 0; i < 5; i++) {
                p.failedSignIn(t, POLICY);
            }
            assertEquals(t.plus(d), p.lockedUntil(t).orElseThrow());
            t = t.plus(d);
        }
        p.signedIn(t);
        for (int i = 0; i < 5; i++) {
            p.failedSignIn(t, POLICY);
        }
        assertEquals(t.plus(Duration.ofMinutes(15)), p.lockedUntil(t).orElseThrow(), "a success starts over");
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        Person p = alice();
        for (int i = 0; i < 4; i++) {
            p.failedSignIn(T0, POLICY);
        }
        p.signedIn(T0);
        assertFalse(p.failedSignIn(T0, POLICY));
        assertEquals(T0, p.lastLoginAt().orElseThrow());
    }

    @Test
    void aTotpStepIsUsedOnlyOnceAndNeverAnEarlierOne() {
        Person p = alice();
        assertTrue(p.useTotpStep(100));
        assertFalse(p.useTotpStep(100), "the same code again is a replay");
        assertFalse(p.useTotpStep(99), "an older code after a newer one is too");
        assertTrue(p.useTotpStep(101));
        p.replaceTotpSecret(new byte[] {2});
        assertTrue(p.useTotpStep(5), "a new secret starts afresh");
    }

    @Test
    void aPersonNeedsARoleAndAReadableName() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Person(PersonId.random(), new Username("bob"), "Bob", Set.of(), "h", new byte[1], T0, "op"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Person(
                        PersonId.random(),
                        new Username("bob"),
                        "Bob\u0007",
                        Set.of(Role.VIEWER),
                        "h",
                        new byte[1],
                        T0,
                        "op"));
        Person p = alice();
        p.changeRoles(EnumSet.of(Role.ADMINISTRATOR, Role.VIEWER));
        assertEquals(EnumSet.of(Role.ADMINISTRATOR, Role.VIEWER), p.roles());
        assertEquals("alice", p.username().value(), "usernames are folded to lower case");
    }

    @Test
    void usernamesAndRolesAreStrict() {
        assertThrows(IllegalArgumentException.class, () -> new Username("a"));
        assertThrows(IllegalArgumentException.class, () -> new Username("9lives"));
        assertThrows(IllegalArgumentException.class, () -> new Username("alice smith"));
        assertThrows(IllegalArgumentException.class, () -> new Username("x".repeat(41)));
        assertEquals("a.b-c_d", new Username("A.B-c_d").value());
        assertEquals(Role.SECURITY_OFFICER, Role.parse("security-officer"));
        assertEquals(Role.SECURITY_OFFICER, Role.parse("SECURITY_OFFICER"));
        assertThrows(IllegalArgumentException.class, () -> Role.parse("root"));
        assertEquals(
                EnumSet.of(Role.ADMINISTRATOR, Role.VIEWER),
                Role.split(Role.join(EnumSet.of(Role.VIEWER, Role.ADMINISTRATOR))));
    }
}
