package org.amicus.core.alert.entity;

import jakarta.ejb.ApplicationException;

/** An alert that cannot be issued, updated or imported as given (HTTP 422); nothing was sent. */
@ApplicationException(rollback = true)
public class InvalidAlertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidAlertException(String message) {
        super(message);
    }
}
