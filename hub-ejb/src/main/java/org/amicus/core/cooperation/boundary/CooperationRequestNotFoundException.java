package org.amicus.core.cooperation.boundary;

import jakarta.ejb.ApplicationException;

/** No cooperation request with this id is held here: 404. */
@ApplicationException(rollback = true)
public class CooperationRequestNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CooperationRequestNotFoundException(Object id) {
        super("no cooperation request " + id + " is held here");
    }
}
