package org.amicus.core.membership.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonSessionTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final AccessPolicy POLICY = AccessPolicy.DEFAULT; // idle 30 min, lifetime 12 h, re-auth 5 min

    @Test
    void aSessionEndsAfterThirtyIdleMinutes() {
        PersonSession s = new PersonSession("h", PersonId.random(), T0);
        assertTrue(s.isLive(T0.plus(Duration.ofMinutes(29)), POLICY));
        assertFalse(s.isLive(T0.plus(Duration.ofMinutes(30)), POLICY));
    }

    @Test
    void useKeepsItAliveButNeverBeyondTwelveHours() {
        PersonSession s = new PersonSession("h", PersonId.random(), T0);
        Instant t = T0;
        while (t.isBefore(T0.plus(Duration.ofHours(12)).minus(Duration.ofMinutes(20)))) {
            t = t.plus(Duration.ofMinutes(20));
            assertTrue(s.isLive(t, POLICY), "used every 20 minutes, alive at " + t);
            s.seen(t);
        }
        assertEquals(T0.plus(Duration.ofHours(12)), s.expiresAt(POLICY));
        assertFalse(s.isLive(T0.plus(Duration.ofHours(12)), POLICY));
    }

    @Test
    void signingOutEndsItAtOnce() {
        PersonSession s = new PersonSession("h", PersonId.random(), T0);
        s.end(T0.plusSeconds(1));
        assertFalse(s.isLive(T0.plusSeconds(2), POLICY));
        s.end(T0.plusSeconds(5));
        assertEquals(T0.plusSeconds(1), s.endedAt().orElseThrow(), "the first end counts");
    }

    @Test
    void sensitiveChangesNeedAPasswordGivenWithinFiveMinutes() {
        PersonSession s = new PersonSession("h", PersonId.random(), T0);
        assertTrue(s.recentlyAuthenticated(T0.plus(Duration.ofMinutes(5)), POLICY));
        assertFalse(s.recentlyAuthenticated(T0.plus(Duration.ofMinutes(6)), POLICY));
        s.reauthenticated(T0.plus(Duration.ofMinutes(6)));
        assertTrue(s.recentlyAuthenticated(T0.plus(Duration.ofMinutes(10)), POLICY));

        Caller person = new Caller(Optional.of(PersonId.random()), "alice", Set.of(Role.ADMINISTRATOR), T0);
        assertFalse(person.recentlyAuthenticated(T0.plus(Duration.ofMinutes(6)), POLICY));
        assertTrue(Caller.operator(T0).recentlyAuthenticated(T0.plus(Duration.ofDays(1)), POLICY));
        assertEquals("operator", Caller.operator(T0).principal());
        assertTrue(person.principal().startsWith("person:"));
    }
}
