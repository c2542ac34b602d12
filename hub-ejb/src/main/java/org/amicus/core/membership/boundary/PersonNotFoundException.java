package org.amicus.core.membership.boundary;

import jakarta.ejb.ApplicationException;

/** No person with that id at this node. */
@ApplicationException(rollback = true)
public class PersonNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PersonNotFoundException(String id) {
        super("no person " + id + " at this node");
    }
}
