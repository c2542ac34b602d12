package org.amicus.core.federation.control;

/**
 * Seals content this node must keep and read again later (a coalition's messages kept for members who join
 * later) with AES-256-GCM under {@code keys/content.key}, a random key beside the organisation key and never in
 * the database: a copy of the database alone reveals no content. Implemented by the crypto unit.
 */
public interface ContentVault {

    /** Encrypts and authenticates {@code content} (a fresh nonce each time). */
    byte[] seal(byte[] content);

    /** Decrypts what {@link #seal} produced; fails if it was altered. */
    byte[] unseal(byte[] sealed);
}
