package org.amicus.core.federation.boundary;

import jakarta.ejb.ApplicationException;

/** No dead letter with this message id (404). */
@ApplicationException(rollback = true)
public class DeadLetterNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadLetterNotFoundException(String messageId) {
        super("no dead letter " + messageId + " (retried already, or never there)");
    }
}
