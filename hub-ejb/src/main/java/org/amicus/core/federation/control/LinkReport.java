package org.amicus.core.federation.control;

import java.time.Instant;

/**
 * A link's state as the broker reports it: {@code connected}, {@code connecting} or {@code suspended},
 * since when, the last error seen while not connected (empty if none) and how many envelopes the link
 * has forwarded since the broker started.
 */
public record LinkReport(String state, Instant since, String lastError, long forwarded) {}
