package org.amicus.core.routing.control;

import java.util.Optional;
import java.util.Set;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;

/**
 * This node's current view of the federation, as routing needs it: the organisations, and each coalition's
 * current members (suspended and removed members are not among them).
 */
public interface FederationView {

    /** Every organisation of the federation this node knows, its own included. */
    Set<OrgId> organisations();

    /** The current members of {@code coalition}; empty if this node knows no such coalition. */
    Optional<Set<OrgId>> currentMembers(CoalitionId coalition);
}
