package org.amicus.core.cooperation.entity;

import jakarta.ejb.ApplicationException;

/** An action the lifecycle does not allow to this side in this state: 409, nothing changed. */
@ApplicationException(rollback = true)
public class IllegalTransitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalTransitionException(String message) {
        super(message);
    }
}
