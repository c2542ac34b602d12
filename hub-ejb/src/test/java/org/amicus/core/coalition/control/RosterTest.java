package org.amicus.core.coalition.control;

import static org.amicus.core.coalition.control.RosterPropertiesTest.ORGS;
import static org.amicus.core.coalition.control.RosterPropertiesTest.SIGNATURES;
import static org.amicus.core.coalition.control.RosterPropertiesTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

/** A coalition's life, step by step, with the refusals an operator reads. */
class RosterTest {

    private final OrgId founder = ORGS.get(0);
    private final OrgId b = ORGS.get(1);
    private final OrgId c = ORGS.get(2);
    private final OrgId d = ORGS.get(3);

    private Roster founded(int approvals) {
        Roster r = new Roster(RosterPropertiesTest.COALITION);
        r.apply(event(r, RosterEventKind.FOUNDED, founder, founder, founder, approvals), SIGNATURES);
        return r;
    }

    private void step(Roster r, RosterEventKind kind, OrgId actor, OrgId subject) {
        r.apply(event(r, kind, actor, subject, actor, 1), SIGNATURES);
    }

    @Test
    void membersJoinByInvitationAndAcceptanceAndLeaveOrAreRemoved() {
        Roster r = founded(1);
        step(r, RosterEventKind.INVITED, founder, b);
        assertEquals(Set.of(founder), r.activeMembers(), "invited is not yet a member");
        step(r, RosterEventKind.ACCEPTED, b, b);
        step(r, RosterEventKind.INVITED, founder, c);
        step(r, RosterEventKind.ACCEPTED, c, c);
        assertEquals(Set.of(founder, b, c), r.activeMembers());

        step(r, RosterEventKind.SUSPENDED, founder, b);
        assertEquals(Set.of(founder, c), r.activeMembers(), "a suspended member receives nothing");
        step(r, RosterEventKind.REINSTATED, founder, b);
        step(r, RosterEventKind.REMOVED, founder, c);
        step(r, RosterEventKind.LEFT, b, b);
        assertEquals(Set.of(founder), r.activeMembers());
    }

    @Test
    void aNewMemberDoesNotSeeEarlierMessagesByDefault() {
        Roster r = founded(1);
        step(r, RosterEventKind.INVITED, founder, b);
        step(r, RosterEventKind.ACCEPTED, b, b);
        long messageSentAt = r.seq();
        step(r, RosterEventKind.INVITED, founder, c);
        step(r, RosterEventKind.ACCEPTED, c, c);
        assertTrue(r.maySeeHistory(b, messageSentAt));
        assertFalse(r.maySeeHistory(c, messageSentAt), "joined after it was sent");
        step(r, RosterEventKind.REMOVED, founder, b);
        assertFalse(r.maySeeHistory(b, messageSentAt), "removed");
    }

    @Test
    void anInvitationCanRequireSeveralAdministrators() {
        Roster r = founded(2);
        step(r, RosterEventKind.INVITED, founder, b);
        step(r, RosterEventKind.ACCEPTED, b, b); // one administrator: its approval is all there can be
        step(r, RosterEventKind.ADMIN_GRANTED, founder, b);
        step(r, RosterEventKind.INVITED, founder, c);
        var early = assertThrows(
                RosterEventRefusedException.class,
                () -> r.apply(event(r, RosterEventKind.ACCEPTED, c, c, c, 2), SIGNATURES));
        assertEquals(RosterEventRefusedException.Kind.UNAUTHORISED, early.kind());
        assertTrue(early.getMessage().contains("needs 2 administrators' approval, it has 1"), early.getMessage());
        step(r, RosterEventKind.APPROVED, b, c);
        step(r, RosterEventKind.ACCEPTED, c, c);
        assertEquals(Set.of(founder, b, c), r.activeMembers());
    }

    @Test
    void theLastActiveAdministratorCannotLeaveMembersBehind() {
        Roster r = founded(1);
        step(r, RosterEventKind.INVITED, founder, b);
        step(r, RosterEventKind.ACCEPTED, b, b);
        var refused = assertThrows(
                RosterEventRefusedException.class,
                () -> r.apply(event(r, RosterEventKind.LEFT, founder, founder, founder, 1), SIGNATURES));
        assertTrue(refused.getMessage().contains("make another administrator first"), refused.getMessage());
        step(r, RosterEventKind.ADMIN_GRANTED, founder, b);
        step(r, RosterEventKind.LEFT, founder, founder);
        assertEquals(Set.of(b), r.activeAdministrators());
    }

    @Test
    void aMemberCannotAdmitOthersAndAnEventFromAnotherCoalitionIsRefused() {
        Roster r = founded(1);
        step(r, RosterEventKind.INVITED, founder, b);
        step(r, RosterEventKind.ACCEPTED, b, b);
        var refused = assertThrows(
                RosterEventRefusedException.class,
                () -> r.apply(event(r, RosterEventKind.INVITED, b, d, b, 1), SIGNATURES));
        assertEquals(RosterEventRefusedException.Kind.UNAUTHORISED, refused.kind());
        Roster other = new Roster(new org.amicus.core.coalition.entity.CoalitionId(new java.util.UUID(9, 9)));
        assertThrows(
                RosterEventRefusedException.class,
                () -> other.apply(event(r, RosterEventKind.INVITED, founder, d, founder, 1), SIGNATURES));
    }

    @Test
    void routingFollowsTheRoster() {
        Roster r = founded(1);
        step(r, RosterEventKind.INVITED, founder, b);
        step(r, RosterEventKind.ACCEPTED, b, b);
        step(r, RosterEventKind.INVITED, founder, c);
        step(r, RosterEventKind.ACCEPTED, c, c);
        var marking = new org.amicus.core.routing.entity.Marking(
                org.amicus.core.routing.entity.TlpLevel.AMBER,
                new org.amicus.core.routing.entity.Distribution.Coalitions(Set.of(r.coalition())),
                Set.of(),
                org.amicus.core.routing.entity.Conditions.NONE);
        Set<OrgId> everyone = Set.copyOf(ORGS);
        assertEquals(
                Set.of(b, c),
                org.amicus.core.routing.control.Routing.recipients(
                        marking,
                        founder,
                        org.amicus.core.routing.control.FederationSnapshot.from(everyone, Set.of(r))));
        step(r, RosterEventKind.REMOVED, founder, c);
        assertEquals(
                Set.of(b),
                org.amicus.core.routing.control.Routing.recipients(
                        marking, founder, org.amicus.core.routing.control.FederationSnapshot.from(everyone, Set.of(r))),
                "nothing sent after the removal reaches c");
    }
}
