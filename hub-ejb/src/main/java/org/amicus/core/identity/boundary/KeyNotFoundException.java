package org.amicus.core.identity.boundary;

import jakarta.ejb.ApplicationException;
import org.amicus.core.identity.entity.Fingerprint;

/** No key with this fingerprint is in the directory. */
@ApplicationException(rollback = true)
public class KeyNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyNotFoundException(Fingerprint fingerprint) {
        super("no key " + fingerprint.grouped() + " in the key directory");
    }
}
