package org.amicus.core.membership.control;

/**
 * The cryptography behind people's credentials, kept in the node's crypto unit (hub-messaging,
 * {@code org.amicus.messaging.envelope}): Argon2id password hashes, HOTP codes (RFC 4226) for TOTP, and
 * sealing of TOTP secrets at rest under a key that is not in the database.
 */
public interface CredentialCrypto {

    /** A self-describing Argon2id hash (PHC string format) with a fresh salt. */
    String hashPassword(char[] password);

    /** Whether {@code password} matches {@code hash}; in constant time for a given hash. */
    boolean passwordMatches(char[] password, String hash);

    /** A new random TOTP secret (160 bits, as RFC 4226 recommends). */
    byte[] newTotpSecret();

    /** The 6-digit HOTP value of {@code secret} at {@code counter}. */
    int hotp(byte[] secret, long counter);

    /** Encrypts a secret for storage (authenticated; a fresh nonce each time). */
    byte[] seal(byte[] secret);

    /** Decrypts what {@link #seal} produced; fails if it was altered. */
    byte[] unseal(byte[] sealed);
}
