package org.amicus.core.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amicus.core.identity.control.SubkeySchedule.Held;
import org.amicus.core.identity.entity.Fingerprint;
import org.junit.jupiter.api.Test;

class SubkeyScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final SubkeySchedule WEEKLY = new SubkeySchedule(Duration.ofDays(7), Duration.ofDays(30));

    @Test
    void aFreshSubkeyNeedsNothing() {
        assertTrue(WEEKLY.decide(List.of(subkey("A", T0)), T0.plus(Duration.ofDays(4)))
                .nothing());
    }

    @Test
    void theSuccessorIsMadeWhenAThirdOfThePeriodIsLeft() {
        List<Held> one = List.of(subkey("A", T0));

        assertFalse(WEEKLY.decide(one, T0.plus(Duration.ofHours(4 * 24 + 16)).minusSeconds(1))
                .rotate());
        assertTrue(WEEKLY.decide(one, T0.plus(Duration.ofHours(4 * 24 + 16))).rotate());
        assertTrue(WEEKLY.decide(one, T0.plus(Duration.ofDays(9))).rotate(), "also when the node was off too long");
        assertFalse(
                WEEKLY.decide(
                                List.of(subkey("A", T0), subkey("B", T0.plus(Duration.ofDays(5)))),
                                T0.plus(Duration.ofDays(6)))
                        .rotate(),
                "the successor exists");
    }

    @Test
    void aRetiredSubkeyIsDestroyedAfterTheGracePeriodNotBefore() {
        List<Held> held = List.of(subkey("A", T0), subkey("B", T0.plus(Duration.ofDays(35))));
        Instant expiredA = T0.plus(Duration.ofDays(7));

        assertEquals(
                List.of(),
                WEEKLY.decide(held, expiredA.plus(Duration.ofDays(30)).minusSeconds(1))
                        .destroy());
        assertEquals(
                List.of(fp("A")),
                WEEKLY.decide(held, expiredA.plus(Duration.ofDays(30))).destroy());
    }

    @Test
    void aSubkeyWithoutExpiryIsNeverRotatedAwayOrDestroyed() {
        Held forever = new Held(fp("C"), T0, null);
        assertTrue(
                WEEKLY.decide(List.of(forever), T0.plus(Duration.ofDays(1000))).nothing());
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SubkeySchedule(Duration.ofSeconds(1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SubkeySchedule(Duration.ofDays(7), Duration.ofDays(-1)));
    }

    private static Held subkey(String letter, Instant created) {
        return new Held(fp(letter), created, created.plus(Duration.ofDays(7)));
    }

    private static Fingerprint fp(String letter) {
        return new Fingerprint(letter.repeat(40));
    }
}
