package org.amicus.core.cooperation.boundary;

import jakarta.ejb.ApplicationException;

/** A step that commits to a request whose deadline has passed (sending it, accepting it): 409; the requester can give a later deadline. */
@ApplicationException(rollback = true)
public class DeadlinePassedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadlinePassedException(String message) {
        super(message);
    }
}
