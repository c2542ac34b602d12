package org.amicus.core.node.control;

import jakarta.ejb.ApplicationException;

/** The broker could not take a message; the caller's transaction is rolled back. */
@ApplicationException(rollback = true)
public class InboxUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
