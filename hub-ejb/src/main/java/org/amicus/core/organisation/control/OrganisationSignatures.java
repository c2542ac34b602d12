package org.amicus.core.organisation.control;

import org.amicus.core.identity.entity.Fingerprint;

/**
 * Detached signatures with organisation keys (OpenPGP, Ed25519/SHA-512): this node's own key signs, a key
 * of the key directory verifies. The core owns this port; the crypto unit in hub-messaging implements it.
 */
public interface OrganisationSignatures {

    /** Signs {@code canonical} with this organisation's primary key. */
    byte[] sign(byte[] canonical);

    /**
     * True only if {@code signature} over {@code canonical} verifies against the key directory's certificate of
     * {@code signer} and that key is not revoked.
     */
    boolean verify(byte[] canonical, byte[] signature, Fingerprint signer);
}
