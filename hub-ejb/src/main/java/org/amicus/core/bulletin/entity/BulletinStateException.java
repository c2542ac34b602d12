package org.amicus.core.bulletin.entity;

import jakarta.ejb.ApplicationException;

/** A step the bulletin's or series' state does not allow now (HTTP 409); nothing changed. */
@ApplicationException(rollback = true)
public class BulletinStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BulletinStateException(String message) {
        super(message);
    }
}
