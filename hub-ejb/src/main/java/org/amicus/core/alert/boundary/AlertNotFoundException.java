package org.amicus.core.alert.boundary;

import jakarta.ejb.ApplicationException;
import org.amicus.core.alert.entity.AlertId;

/** No alert with this id at this node (HTTP 404). */
@ApplicationException(rollback = true)
public class AlertNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertNotFoundException(AlertId id) {
        super("no alert " + id + " at this node");
    }
}
