package org.amicus.core.routing.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;

/**
 * An immutable {@link FederationView}: the organisations and the coalitions' current members at one moment.
 * Routing decisions read it without locks; a membership change makes a new snapshot.
 */
public record FederationSnapshot(Set<OrgId> organisations, Map<CoalitionId, Set<OrgId>> members)
        implements FederationView {

    public FederationSnapshot {
        organisations = Set.copyOf(organisations);
        Map<CoalitionId, Set<OrgId>> copy = new HashMap<>();
        members.forEach((id, m) -> copy.put(id, Set.copyOf(m)));
        members = Map.copyOf(copy);
    }

    /** The view the rosters give: each coalition's active members as its verified roster stands now. */
    public static FederationSnapshot from(
            Set<OrgId> organisations, java.util.Collection<org.amicus.core.coalition.control.Roster> rosters) {
        Map<CoalitionId, Set<OrgId>> members = new HashMap<>();
        rosters.forEach(r -> members.put(r.coalition(), r.activeMembers()));
        return new FederationSnapshot(organisations, members);
    }

    @Override
    public Optional<Set<OrgId>> currentMembers(CoalitionId coalition) {
        return Optional.ofNullable(members.get(coalition));
    }
}
