package org.amicus.core.federation.boundary;

import jakarta.ejb.ApplicationException;

/** A message addressed to a node this node cannot reach (not a peer, removed, or its key revoked): 422, nothing sent. */
@ApplicationException(rollback = true)
public class UnknownRecipientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownRecipientException(String message) {
        super(message);
    }
}
