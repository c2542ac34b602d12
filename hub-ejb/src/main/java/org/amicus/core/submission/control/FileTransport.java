package org.amicus.core.submission.control;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.node.entity.NodeId;

/**
 * Files beside an envelope (envelope.md §4.1, federation.md §3.8), implemented by the crypto unit over Artemis: a
 * file's plaintext, read from the evidence store and checked as it is read, is encrypted as a stream to the addressee
 * and sent as one large message, never whole in memory; the receiving node keeps what arrives as ciphertext until
 * the envelope that names it is there to open it against.
 */
public interface FileTransport {

    /**
     * Seals {@code file} to {@code to} and queues it for {@code nextHop} (the addressee's node, or the relay it is
     * reached through) as file {@code fileRef} of envelope {@code envelope} sent by node {@code from}, in the caller's
     * transaction (it is routed only when that commits). Sent again under the same ids, it is dropped by duplicate
     * detection.
     *
     * @return the SHA-256 of the plaintext as it was read (the caller compares it with the intake hash)
     * @throws IOException if the file cannot be read whole and unaltered, or the broker cannot take it
     */
    String ship(
            NodeId nextHop, NodeId from, Addressee to, UUID envelope, String fileRef, StoredFile file, Instant expires)
            throws IOException;

    /** Whether file {@code fileRef} of envelope {@code envelope} has arrived from {@code from} and waits. */
    boolean arrived(UUID envelope, String fileRef, NodeId from);

    /**
     * Opens the arrived file against its manifest entry ({@code sha256}, {@code size}) with this organisation's key,
     * into the evidence store as {@code into} (a new, empty file); the ciphertext is removed either way.
     *
     * @return the stored file
     * @throws FileRefusedException with the kind of refusal if it is not the file the manifest names
     * @throws IOException if it cannot be read or stored (the ciphertext is kept for a later attempt)
     */
    StoredFile open(UUID envelope, String fileRef, NodeId from, String sha256, long size, StoredFile into)
            throws FileRefusedException, IOException;

    /** A file that arrived but is not the one its envelope names. */
    final class FileRefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String kind;

        public FileRefusedException(String kind, String reason) {
            super(kind + ": " + reason);
            this.kind = kind;
        }

        /** {@code malformed}, {@code too-large}, {@code header-mismatch}, … (envelope.md §6). */
        public String kind() {
            return kind;
        }
    }
}
