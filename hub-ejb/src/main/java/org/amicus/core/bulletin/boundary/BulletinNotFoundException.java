package org.amicus.core.bulletin.boundary;

import jakarta.ejb.ApplicationException;

/** No bulletin or series with this id at this node (HTTP 404). */
@ApplicationException(rollback = true)
public class BulletinNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BulletinNotFoundException(String message) {
        super(message);
    }
}
