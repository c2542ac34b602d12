package org.amicus.core.identity.control;

import jakarta.ejb.ApplicationException;

/** A certificate (or revocation) that the key directory refuses; nothing was stored. */
@ApplicationException(rollback = true)
public class InvalidCertificateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, in terms an operator can act on. */
    public enum Reason {
        /** Not an OpenPGP certificate at all. */
        UNREADABLE,
        /** A secret key: only public certificates are imported. */
        SECRET_KEY,
        TOO_LARGE,
        /** The certificate has no subkey a message can be encrypted to now. */
        NO_ENCRYPTION_SUBKEY,
        EXPIRED,
        /** A revoked key that was never in the directory. */
        REVOKED,
        /** This node's own organisation key. */
        OWN_KEY,
        /** A revocation for a key that is not in the directory. */
        UNKNOWN_KEY
    }

    private final Reason reason;

    public InvalidCertificateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
