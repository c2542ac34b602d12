package org.amicus.core.alert.entity;

import jakarta.ejb.ApplicationException;

/** A STIX bundle that cannot be taken as an alert: malformed, or under a marking Amicus does not know (HTTP 422). */
@ApplicationException(rollback = true)
public class InvalidStixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidStixException(String message) {
        super(message);
    }
}
