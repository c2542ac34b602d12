package org.amicus.core.federation.control;

import java.time.Instant;
import java.util.UUID;

/**
 * A sealed envelope, opaque to the core: its id, its bytes (ciphertext and routing header), when it was
 * made and expires, its priority class ({@code alert}, {@code normal}, {@code bulk}) and the SHA-256 of
 * its bytes (what a receipt names).
 */
public record SealedEnvelope(UUID id, byte[] wire, Instant created, Instant expires, String priority, String sha256) {}
