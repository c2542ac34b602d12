package org.amicus.core.routing.control;

import jakarta.ejb.ApplicationException;

/** A message whose marking cannot be routed as it stands (a coalition the sender is not in, …): 422, nothing sent. */
@ApplicationException(rollback = true)
public class RoutingRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RoutingRefusedException(String message) {
        super(message);
    }
}
