package org.amicus.core.submission.control;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.node.entity.NodeId;

/**
 * Files beside an envelope (envelope.md §4.1, federation.md §3.8), implemented by the crypto unit over Artemis: a
 * file's plaintext, read from the evidence store and checked as it is read, is encrypted as a stream to the addressee
 * and sent in parts, each part one large message, never whole in memory; the receiving node opens each part as it
 * is delivered when the envelope naming the file is there, and keeps it as ciphertext until then otherwise.
 */
public interface FileTransport {

    /**
     * Plaintext bytes in each part of a file (federation.md §3.8): a file travels as parts of this many bytes (the last
     * holds the rest), each sealed on its own and sent as its own large message, so that the sender seals a part while
     * the brokers carry the one before and the receiver opens the one before that.
     */
    long PART_BYTES = 64L << 20;

    /** How many parts a file of {@code size} bytes travels in (an empty file: one). */
    static int parts(long size) {
        return (int) Math.max(1, (size + PART_BYTES - 1) / PART_BYTES);
    }

    /** The plaintext bytes part {@code part} of a file of {@code size} bytes holds. */
    static long partBytes(long size, int part) {
        if (part < 0 || part >= parts(size)) {
            throw new IllegalArgumentException("a file of " + size + " bytes has no part " + part);
        }
        return Math.min(PART_BYTES, size - part * PART_BYTES);
    }

    /**
     * Seals {@code plaintext}, part {@code part} of the {@code parts} of file {@code fileRef} of envelope {@code
     * envelope} sent by node {@code from}, to {@code to} and queues it for {@code nextHop} (the addressee's node, or the
     * relay it is reached through), in the caller's transaction (it is routed only when that commits), carrying the
     * plaintext on into {@code sha256}. Sent again under the same ids, it is dropped by duplicate detection.
     *
     * @throws IOException if the plaintext cannot be read whole and unaltered, or the broker cannot take it
     */
    void ship(
            NodeId nextHop,
            NodeId from,
            Addressee to,
            UUID envelope,
            String fileRef,
            int part,
            int parts,
            InputStream plaintext,
            MessageDigest sha256,
            Instant expires)
            throws IOException;

    /**
     * Keeps part {@code part} of file {@code fileRef} of envelope {@code envelope} from {@code from}, carried by other
     * means than the network (a bundle, federation.md §7), with the parts that arrived before their envelope, to be
     * opened in its turn: {@code ciphertext} as its sender sealed it.
     *
     * @throws IOException if it cannot be stored (nothing is kept)
     */
    void keepCarried(UUID envelope, String fileRef, int part, NodeId from, InputStream ciphertext) throws IOException;

    /**
     * Queues a carried part ({@code name}, sent by {@code from}, sealed to an organisation of {@code target}) for {@code
     * target}, a direct peer this node relays to, unread, with its expiry and its place in its file's message group
     * ({@code groupSequence}, 0 for a file of one part), as if it had been delivered here over the network.
     *
     * @throws IOException if the broker cannot take it (nothing is queued)
     */
    void forwardCarried(
            NodeId target,
            String name,
            NodeId from,
            java.util.Optional<Instant> expires,
            int groupSequence,
            InputStream ciphertext)
            throws IOException;

    /** Whether part {@code part} of file {@code fileRef} of envelope {@code envelope} has arrived from {@code from}. */
    boolean arrived(UUID envelope, String fileRef, int part, NodeId from);

    /**
     * Opens an arrived part ({@code partBytes} plaintext bytes) with this organisation's key and appends it to {@code
     * into} in the evidence store (a new, empty file for the first part); the ciphertext is removed unless it could not
     * be read or stored. The whole file's SHA-256 is the caller's to check after the last part.
     *
     * @return the stored file with the part
     * @throws FileRefusedException with the kind of refusal if it is not a part of the size named (nothing appended)
     * @throws IOException if it cannot be read or stored (nothing appended; the ciphertext is kept for a later attempt)
     */
    StoredFile open(UUID envelope, String fileRef, int part, NodeId from, long partBytes, StoredFile into)
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
