package org.amicus.core.coalition.boundary;

import jakarta.ejb.ApplicationException;
import org.amicus.core.coalition.entity.CoalitionId;

/** This node takes part in no coalition with this id: 404. */
@ApplicationException(rollback = true)
public class CoalitionNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoalitionNotFoundException(CoalitionId id) {
        super("this organisation takes part in no coalition " + id);
    }
}
