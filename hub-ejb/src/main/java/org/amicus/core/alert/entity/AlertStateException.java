package org.amicus.core.alert.entity;

import jakarta.ejb.ApplicationException;

/** A step the alert's state does not allow now: changing a withdrawn or expired alert (HTTP 409). */
@ApplicationException(rollback = true)
public class AlertStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertStateException(String message) {
        super(message);
    }
}
