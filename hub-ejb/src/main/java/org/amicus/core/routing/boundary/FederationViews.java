package org.amicus.core.routing.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.coalition.boundary.Coalitions;
import org.amicus.core.coalition.control.Roster;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.routing.control.FederationView;

/**
 * This node's view of the federation as routing reads it: the organisations envelopes reach now (this one
 * included) and each coalition's current members by the roster this node verified. A view belongs to the
 * transaction it was made in; the organisations and each roster are read the first time routing asks for them.
 */
@Stateless
public class FederationViews {

    @Inject
    Organisations organisations;

    @Inject
    Coalitions coalitions;

    public FederationView current() {
        Map<CoalitionId, Optional<Set<OrgId>>> members = new HashMap<>();
        return new FederationView() {
            private Set<OrgId> orgs;

            @Override
            public Set<OrgId> organisations() {
                if (orgs == null) {
                    orgs = organisations.reachableOrganisations(); // read when first needed: a receipt never does
                }
                return orgs;
            }

            @Override
            public Optional<Set<OrgId>> currentMembers(CoalitionId coalition) {
                return members.computeIfAbsent(
                        coalition, id -> coalitions.roster(id).map(Roster::activeMembers));
            }
        };
    }
}
