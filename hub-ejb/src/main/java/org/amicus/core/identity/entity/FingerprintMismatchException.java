package org.amicus.core.identity.entity;

import jakarta.ejb.ApplicationException;

/** The fingerprint an operator confirmed is not the key's: nothing is verified. */
@ApplicationException(rollback = true)
public class FingerprintMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FingerprintMismatchException(Fingerprint key, Fingerprint confirmed) {
        super("the confirmed fingerprint " + confirmed.grouped() + " is not the key's fingerprint " + key.grouped()
                + "; compare again with the organisation, out of band");
    }
}
