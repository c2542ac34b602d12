package org.amicus.web.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.amicus.web.problem.RateLimitedException;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tenAttemptsAtOnceThenOneEverySixSecondsPerAddress() {
        SignInThrottle t = new SignInThrottle(10);
        long now = 0;
        for (int i = 0; i < 10; i++) {
            t.acquire("10.0.0.1", now);
        }
        RateLimitedException e = assertThrows(RateLimitedException.class, () -> t.acquire("10.0.0.1", 0));
        assertTrue(e.retryAfter().toSeconds() >= 5, "told how long to wait: " + e.retryAfter());
        assertDoesNotThrow(() -> t.acquire("10.0.0.2", 0), "another address is not affected");
        assertThrows(RateLimitedException.class, () -> t.acquire("10.0.0.1", 5 * SECOND));
        assertDoesNotThrow(() -> t.acquire("10.0.0.1", 6 * SECOND));
        assertThrows(RateLimitedException.class, () -> t.acquire("10.0.0.1", 7 * SECOND));
    }
}
