package org.amicus.core.routing.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A forward or a consent request the marking does not permit, or a consent answer not possible now: 409. It
 * does not roll back, so the audit entry recording the refusal stays.
 */
@ApplicationException(rollback = false)
public class ReshareRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReshareRefusedException(String message) {
        super(message);
    }
}
