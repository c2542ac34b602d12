package org.amicus.core.federation.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.amicus.core.node.entity.NodeId;

/**
 * A part of a file beside an envelope (federation.md §3.8) waiting in a peer's outbound queue, copied for a bundle:
 * its name ({@code <envelope>/<file>[/<part>]}), its routing (the node that sent it, the node it is for), when it
 * expires, its place in its file's message group (0: a file of one part; n + 1 for part n; -1 for the last part), and
 * its ciphertext (sealed to the recipient as it was queued, never opened here) staged in {@code ciphertext}, of
 * {@code size} bytes with SHA-256 {@code sha256}.
 */
public record WaitingPart(
        String name,
        NodeId from,
        NodeId to,
        Optional<Instant> expires,
        int groupSequence,
        long size,
        String sha256,
        Path ciphertext) {

    public WaitingPart {
        if (!new BundleAnchor(name).isPart()) {
            throw new IllegalArgumentException("a part's name has its file: " + name);
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (size < 1 || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a part has bytes and their SHA-256");
        }
    }
}
