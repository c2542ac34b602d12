package org.amicus.core.identity.control;

import java.util.Optional;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * Reads and checks OpenPGP certificates for the key directory. The core owns this port; the envelope
 * package of hub-messaging implements it (the only code that touches cryptography).
 */
public interface CertificateInspector {

    /**
     * Reads a certificate (armored or binary) and checks every signature in it.
     *
     * @throws InvalidCertificateException {@code UNREADABLE} or {@code SECRET_KEY}
     */
    CertificateFacts inspect(byte[] certificate);

    /**
     * Merges an update (a newer copy of the same certificate, or a bare revocation signature) into the
     * known certificate. Only what the known primary key certified is taken: a subkey bound by any
     * other key is dropped.
     *
     * @throws InvalidCertificateException {@code UNREADABLE} when the update is neither, or belongs to
     *     another primary key
     */
    CertificateFacts merge(String knownArmored, byte[] update);

    /** The key a bare key-revocation signature claims to revoke (its issuer), if that is what this is. */
    Optional<Fingerprint> revocationIssuer(byte[] bytes);
}
