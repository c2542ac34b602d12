package org.amicus.web.problem;

import java.time.Duration;

/** Too many requests of a kind from one client; answered 429 with Retry-After. */
public class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
