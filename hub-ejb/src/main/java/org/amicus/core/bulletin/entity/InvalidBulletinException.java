package org.amicus.core.bulletin.entity;

import jakarta.ejb.ApplicationException;

/** A bulletin that cannot be stored or published as given (HTTP 422); nothing was sent. */
@ApplicationException(rollback = true)
public class InvalidBulletinException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidBulletinException(String message) {
        super(message);
    }
}
