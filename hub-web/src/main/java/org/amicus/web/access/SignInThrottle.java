package org.amicus.web.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.amicus.web.problem.RateLimitedException;

/**
 * Limits sign-in attempts per client address (a token bucket: 10 at once, then one every 6 seconds), on
 * top of the per-account lock-out: guessing across many accounts from one place is slowed as well. Behind
 * a reverse proxy every client shares the proxy's address; the per-account lock-out still applies.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int DEFAULT_BURST = 10;
    static final Duration REFILL = Duration.ofSeconds(6);
    private static final int MAX_TRACKED = 10_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Attempts allowed at once per address ({@code amicus.access.sign-in-burst}, default 10). */
    private final int burst;

    public SignInThrottle() {
        this(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("amicus.access.sign-in-burst", Integer.class)
                .orElse(DEFAULT_BURST));
    }

    SignInThrottle(int burst) {
        this.burst = burst;
    }

    /** Takes one attempt for {@code address} or throws {@link RateLimitedException} (429). */
    public void acquire(String address) {
        acquire(address, System.nanoTime());
    }

    void acquire(String address, long now) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.full(now));
        }
        Bucket b = buckets.computeIfAbsent(address == null ? "?" : address, a -> new Bucket(burst, now));
        long wait = b.take(now);
        if (wait > 0) {
            throw new RateLimitedException(
                    "too many sign-in attempts from this address; wait " + Math.max(1, wait / 1_000_000_000L) + " s",
                    Duration.ofNanos(wait));
        }
    }

    private static final class Bucket {
        private final int burst;
        private double tokens;
        private long at;

        Bucket(int burst, long now) {
            this.burst = burst;
            this.tokens = burst;
            this.at = now;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (double) (now - at) / REFILL.toNanos());
            at = now;
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        /** 0 if an attempt was taken, else nanoseconds until one is available. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) * REFILL.toNanos());
        }
    }
}
