package org.amicus.core.routing.control;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;

/** A federation for tests: organisations and coalitions with their current members. */
record World(List<OrgId> orgs, Map<CoalitionId, Set<OrgId>> coalitions) implements FederationView {

    @Override
    public Set<OrgId> organisations() {
        return new LinkedHashSet<>(orgs);
    }

    @Override
    public Optional<Set<OrgId>> currentMembers(CoalitionId coalition) {
        return Optional.ofNullable(coalitions.get(coalition)).map(Set::copyOf);
    }

    /** The same federation after {@code org} was removed from (or suspended in) {@code coalition}. */
    World without(OrgId org, CoalitionId coalition) {
        Map<CoalitionId, Set<OrgId>> changed = new HashMap<>(coalitions);
        Set<OrgId> members = new HashSet<>(changed.get(coalition));
        members.remove(org);
        changed.put(coalition, members);
        return new World(orgs, changed);
    }

    /** {@code n} organisations, and coalitions whose members are given by index. */
    static World of(int n, List<Set<Integer>> coalitionMembers) {
        List<OrgId> orgs = java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new OrgId(new java.util.UUID(0, i + 1)))
                .toList();
        Map<CoalitionId, Set<OrgId>> coalitions = new HashMap<>();
        int c = 0;
        for (Set<Integer> members : coalitionMembers) {
            Set<OrgId> m = new HashSet<>();
            members.forEach(i -> m.add(orgs.get(i % n)));
            coalitions.put(new CoalitionId(new java.util.UUID(1, ++c)), m);
        }
        return new World(orgs, coalitions);
    }
}
