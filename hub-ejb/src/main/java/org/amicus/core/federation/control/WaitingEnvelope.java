package org.amicus.core.federation.control;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * A sealed envelope waiting in a peer's outbound queue, copied for a bundle: its id, and its bytes ({@code size} of
 * them, SHA-256 {@code sha256}) staged in {@code staged} from {@code offset}, so that an export never holds a backlog
 * in memory.
 */
public record WaitingEnvelope(UUID id, int size, String sha256, Path staged, long offset) {

    public WaitingEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(staged, "staged");
        if (size < 1 || offset < 0 || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an envelope has bytes and their SHA-256");
        }
    }
}
