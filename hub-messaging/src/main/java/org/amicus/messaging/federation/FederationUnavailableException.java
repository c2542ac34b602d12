package org.amicus.messaging.federation;

import jakarta.ejb.ApplicationException;

/** Federation cannot be used on this node as started (503). */
@ApplicationException(rollback = true)
public class FederationUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FederationUnavailableException(String message) {
        super(message);
    }
}
