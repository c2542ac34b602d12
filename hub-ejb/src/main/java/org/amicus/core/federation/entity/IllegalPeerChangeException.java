package org.amicus.core.federation.entity;

import jakarta.ejb.ApplicationException;

/** A change a peer's current state does not allow (e.g. resuming a removed peer). */
@ApplicationException(rollback = true)
public class IllegalPeerChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalPeerChangeException(String message) {
        super(message);
    }
}
