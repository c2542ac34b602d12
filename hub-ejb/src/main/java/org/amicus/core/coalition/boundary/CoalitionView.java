package org.amicus.core.coalition.boundary;

import java.time.Instant;
import java.util.List;
import org.amicus.core.coalition.control.Roster.Standing;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;

/**
 * A coalition as this node's verified roster has it: purpose, settings, where this organisation stands, the
 * organisations named and the head of the chain (event number and hash, to compare between nodes).
 */
public record CoalitionView(
        CoalitionId id,
        String purpose,
        boolean historyForNewMembers,
        int approvalsRequired,
        Standing ownStanding,
        boolean ownAdministrator,
        long events,
        String head,
        Instant updatedAt,
        List<Member> members) {

    public CoalitionView {
        members = List.copyOf(members);
    }

    /** An organisation the roster names; {@code name} and {@code type} empty if this node does not know it. */
    public record Member(OrgId organisation, String name, String type, Standing standing, boolean administrator) {}
}
