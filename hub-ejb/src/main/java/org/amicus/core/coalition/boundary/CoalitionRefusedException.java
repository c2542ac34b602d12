package org.amicus.core.coalition.boundary;

import jakarta.ejb.ApplicationException;

/** A coalition request that makes no sense as given (no purpose, an unknown organisation, …): 422. */
@ApplicationException(rollback = true)
public class CoalitionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoalitionRefusedException(String message) {
        super(message);
    }
}
