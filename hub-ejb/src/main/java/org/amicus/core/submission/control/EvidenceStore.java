package org.amicus.core.submission.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Where evidence files are kept on the node that took them in: encrypted at rest under a key of their own (never
 * in clear on disk), hashed (SHA-256) as they arrive, read back as a checked stream. Implemented by the crypto
 * unit (hub-messaging); files live in the node's data directory, their records in the database.
 */
public interface EvidenceStore {

    /** A new random file key, sealed under the node's content key for the database. */
    byte[] newKey();

    /**
     * Reads {@code chunk} to its end, encrypting it as the next segments of {@code file} into a spool; the SHA-256
     * of the file so far is carried on.
     *
     * @throws ChunkTooLargeException if it holds more than {@code maxBytes} (nothing is kept)
     * @throws IOException if the chunk cannot be read to its end (a cut connection) or stored (nothing is kept)
     */
    Spool spool(StoredFile file, InputStream chunk, long maxBytes) throws IOException;

    /** Appends {@code spool} to {@code file} (after cutting off anything not committed); the file as it is now. */
    StoredFile commit(StoredFile file, Spool spool) throws IOException;

    /**
     * Writes {@code plaintext} to its end as the next segments of {@code file} (a file received from a peer in parts),
     * straight after its committed bytes (anything beyond them, left by a write that was never recorded, is cut off
     * first), synced before it returns; nothing of it counts until the caller records the file returned. If it fails,
     * the file is as it was (a new file, with nothing committed, is removed).
     *
     * @return the file as stored now
     * @throws ChunkTooLargeException if it holds more than {@code maxBytes}
     * @throws IOException if it cannot be read to its end or stored
     */
    StoredFile append(StoredFile file, InputStream plaintext, long maxBytes) throws IOException;

    /** Throws a spool away. */
    void discard(Spool spool);

    /** The lower-case hex SHA-256 of the file's plaintext so far, read again if need be. */
    String sha256(StoredFile file) throws IOException;

    /**
     * The SHA-256 of the file's plaintext, read again from disk whatever is cached: what a verification of a
     * kept file uses.
     *
     * @throws IOException if the file was altered, cut short or extended
     */
    String rehash(StoredFile file) throws IOException;

    /**
     * The file's plaintext, each segment checked as it is read.
     *
     * @throws IOException while reading, if the file was altered, cut short or extended
     */
    InputStream open(StoredFile file) throws IOException;

    /**
     * The {@code length} plaintext bytes of the file from byte {@code from} on, each segment checked as it is read (a
     * range read to the file's end also checks that nothing follows).
     *
     * @throws IOException while reading, if the file was altered, cut short or extended
     */
    InputStream open(StoredFile file, long from, long length) throws IOException;

    /** Removes the file and anything kept for it. */
    void delete(UUID file);
}
