package org.amicus.core.cooperation.boundary;

import jakarta.ejb.ApplicationException;

/** A cooperation request or action that is incomplete or contradicts itself: 422, nothing stored or sent. */
@ApplicationException(rollback = true)
public class InvalidCooperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCooperationException(String message) {
        super(message);
    }
}
