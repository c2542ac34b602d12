package org.amicus.core.routing.boundary;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/** No consent request with this id at this node: 404. */
@ApplicationException(rollback = true)
public class ConsentNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConsentNotFoundException(UUID id) {
        super("no consent request " + id + " at this node");
    }
}
