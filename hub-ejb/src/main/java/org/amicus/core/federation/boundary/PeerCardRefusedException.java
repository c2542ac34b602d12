package org.amicus.core.federation.boundary;

import jakarta.ejb.ApplicationException;

/** A peering card refused (422); nothing was stored. */
@ApplicationException(rollback = true)
public class PeerCardRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerCardRefusedException(String message) {
        super(message);
    }
}
