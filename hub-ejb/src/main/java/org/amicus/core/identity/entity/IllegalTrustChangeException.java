package org.amicus.core.identity.entity;

import jakarta.ejb.ApplicationException;

/** A trust change the key's state does not allow (e.g. verifying a revoked key). */
@ApplicationException(rollback = true)
public class IllegalTrustChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalTrustChangeException(String message) {
        super(message);
    }
}
