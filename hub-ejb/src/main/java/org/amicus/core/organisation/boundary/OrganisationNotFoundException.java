package org.amicus.core.organisation.boundary;

import jakarta.ejb.ApplicationException;
import org.amicus.core.membership.entity.OrgId;

/** No organisation with this id is known to this node: 404. */
@ApplicationException(rollback = true)
public class OrganisationNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrganisationNotFoundException(OrgId id) {
        super("no organisation " + id + " is known to this node");
    }
}
