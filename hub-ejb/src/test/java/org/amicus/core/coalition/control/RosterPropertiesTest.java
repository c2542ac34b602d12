package org.amicus.core.coalition.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.coalition.entity.RosterEvent;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.membership.entity.OrgId;

/**
 * Random coalition histories: each node rebuilding the roster from the chain gets the same members; any forged,
 * altered, re-ordered or unauthorised event is refused on every node and changes nothing.
 */
class RosterPropertiesTest {

    static final CoalitionId COALITION = new CoalitionId(new UUID(5, 5));
    static final List<OrgId> ORGS = java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> new OrgId(new UUID(6, i)))
            .toList();
    static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    /** Stands for an organisation's key: only it makes its signature (the tests never forge one knowingly). */
    static byte[] sign(OrgId org, String line) {
        return Roster.sha256(org + "|" + line).getBytes(StandardCharsets.US_ASCII);
    }

    static final RosterSignatures SIGNATURES = (org, line, signature) ->
            java.util.Arrays.equals(sign(org, new String(line, StandardCharsets.UTF_8)), signature);

    /** One step someone tries: a kind, who signs, about whom. */
    record Step(int kind, int actor, int subject) {}

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(1, RosterEventKind.values().length - 1),
                        Arbitraries.integers().between(0, ORGS.size() - 1),
                        Arbitraries.integers().between(0, ORGS.size() - 1))
                .as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(80);
    }

    static RosterEvent event(Roster r, RosterEventKind kind, OrgId actor, OrgId subject, OrgId signer, int approvals) {
        RosterEvent unsigned = new RosterEvent(
                COALITION,
                r.seq() + 1,
                r.head(),
                kind,
                actor,
                subject,
                T0.plusSeconds(r.seq()),
                kind == RosterEventKind.FOUNDED ? "joint submissions on region X" : null,
                false,
                approvals,
                null);
        return unsigned.signed(sign(signer, unsigned.line()));
    }

    /** The events a history's steps produce: each tried on the roster, kept if it was accepted. */
    static List<RosterEvent> chain(List<Step> steps, int approvals, List<RosterEventRefusedException> refusals) {
        Roster r = new Roster(COALITION);
        List<RosterEvent> accepted = new ArrayList<>();
        RosterEvent founded = event(r, RosterEventKind.FOUNDED, ORGS.get(0), ORGS.get(0), ORGS.get(0), approvals);
        r.apply(founded, SIGNATURES);
        accepted.add(founded);
        for (Step s : steps) {
            RosterEventKind kind = RosterEventKind.values()[s.kind()];
            RosterEvent e = event(r, kind, ORGS.get(s.actor()), ORGS.get(s.subject()), ORGS.get(s.actor()), approvals);
            try {
                r.apply(e, SIGNATURES);
                accepted.add(e);
            } catch (RosterEventRefusedException refused) {
                refusals.add(refused);
            }
        }
        return accepted;
    }

    static Roster replay(List<RosterEvent> events) {
        Roster r = new Roster(COALITION);
        events.forEach(e -> r.apply(e, SIGNATURES));
        return r;
    }

    @Property(tries = 300)
    void everyNodeRebuildsTheSameRosterAndRepeatsChangeNothing(
            @ForAll("histories") List<Step> steps, @ForAll("approvals") int approvals) {
        List<RosterEvent> events = chain(steps, approvals, new ArrayList<>());
        Roster one = replay(events);
        Roster other = replay(events);
        assertEquals(one.activeMembers(), other.activeMembers());
        assertEquals(one.head(), other.head());
        for (RosterEvent e : events) { // replication delivers some again
            assertEquals(Roster.Applied.ALREADY_APPLIED, other.apply(e, SIGNATURES));
        }
        assertEquals(one.activeMembers(), other.activeMembers());
        assertFalse(
                one.activeAdministrators().isEmpty() && !one.activeMembers().isEmpty(),
                "while it has members, a coalition has an administrator who can act");
    }

    @Property(tries = 300)
    void aMemberIsOnlyAnOrganisationAnAdministratorInvitedAndThatAcceptedItself(
            @ForAll("histories") List<Step> steps, @ForAll("approvals") int approvals) {
        List<RosterEvent> events = chain(steps, approvals, new ArrayList<>());
        Roster r = new Roster(COALITION);
        for (RosterEvent e : events) {
            Set<OrgId> admins = r.administrators();
            Set<OrgId> active = r.activeMembers();
            r.apply(e, SIGNATURES);
            switch (e.kind()) {
                case INVITED, APPROVED, SUSPENDED, REINSTATED, REMOVED, ADMIN_GRANTED, ADMIN_REVOKED ->
                    assertTrue(
                            admins.contains(e.actor()) && active.contains(e.actor()),
                            e.kind() + " by a non-administrator was accepted");
                case ACCEPTED, LEFT -> assertEquals(e.actor(), e.subject());
                case FOUNDED -> assertEquals(1, e.seq());
            }
            if (e.kind() == RosterEventKind.ACCEPTED) {
                assertTrue(r.activeMembers().contains(e.subject()));
            }
        }
        for (OrgId member : r.activeMembers()) {
            assertTrue(
                    member.equals(ORGS.get(0))
                            || events.stream()
                                    .anyMatch(e -> e.kind() == RosterEventKind.ACCEPTED
                                            && e.subject().equals(member)),
                    "a member accepted an invitation (or founded)");
        }
    }

    @Property(tries = 300)
    void anAlteredReorderedOrForgedEventIsRefusedAndChangesNothing(
            @ForAll("histories") List<Step> steps,
            @ForAll("approvals") int approvals,
            @ForAll("positions") int pick,
            @ForAll("tampering") int how) {
        List<RosterEvent> events = chain(steps, approvals, new ArrayList<>());
        if (events.size() < 3) {
            return;
        }
        int at = 1 + pick % (events.size() - 1);
        RosterEvent original = events.get(at);
        Roster before = replay(events.subList(0, at));
        RosterEvent bad = switch (how) {
            case 0 ->
                original.signed(sign(
                        ORGS.get((ORGS.indexOf(original.actor()) + 1) % ORGS.size()),
                        original.line())); // someone else's key
            case 1 ->
                new RosterEvent(
                        COALITION,
                        original.seq(),
                        original.prevHash(),
                        original.kind(),
                        original.actor(),
                        ORGS.get((ORGS.indexOf(original.subject()) + 1) % ORGS.size()),
                        original.at(),
                        original.purpose(),
                        false,
                        original.approvalsRequired(),
                        original.signature()); // subject changed after signing
            case 2 ->
                at + 1 < events.size() // the next event first: re-ordered (or, at the end, another key)
                        ? events.get(at + 1)
                        : original.signed(
                                sign(ORGS.get((ORGS.indexOf(original.actor()) + 1) % ORGS.size()), original.line()));
            default ->
                new RosterEvent(
                        COALITION,
                        original.seq() + 1,
                        original.prevHash(),
                        original.kind(),
                        original.actor(),
                        original.subject(),
                        original.at(),
                        original.purpose(),
                        false,
                        original.approvalsRequired(),
                        original.signature()); // an event skipped
        };
        String head = before.head();
        Set<OrgId> members = before.activeMembers();
        RosterEventRefusedException refused =
                assertThrows(RosterEventRefusedException.class, () -> before.apply(bad, SIGNATURES));
        assertTrue(
                Set.of(RosterEventRefusedException.Kind.FORGED, RosterEventRefusedException.Kind.OUT_OF_ORDER)
                        .contains(refused.kind()),
                refused.kind() + ": " + refused.getMessage());
        assertEquals(head, before.head(), "nothing changed");
        assertEquals(members, before.activeMembers());
        assertEquals(Roster.Applied.APPLIED, before.apply(original, SIGNATURES), "the genuine event still applies");
    }

    @Property(tries = 200)
    void aStrangerOrOrdinaryMemberCannotChangeTheRoster(
            @ForAll("histories") List<Step> steps, @ForAll("positions") int pick) {
        List<RosterEvent> events = chain(steps, 1, new ArrayList<>());
        Roster r = replay(events);
        OrgId outsider = ORGS.stream()
                .filter(o -> !r.administrators().contains(o))
                .skip(pick % 2)
                .findFirst()
                .orElse(new OrgId(new UUID(7, 7)));
        for (RosterEventKind kind : Set.of(
                RosterEventKind.INVITED,
                RosterEventKind.REMOVED,
                RosterEventKind.SUSPENDED,
                RosterEventKind.ADMIN_GRANTED)) {
            OrgId subject = ORGS.get(pick % ORGS.size());
            RosterEvent attempt = event(r, kind, outsider, subject, outsider, 1);
            RosterEventRefusedException refused =
                    assertThrows(RosterEventRefusedException.class, () -> r.apply(attempt, SIGNATURES));
            assertTrue(
                    Set.of(RosterEventRefusedException.Kind.UNAUTHORISED, RosterEventRefusedException.Kind.INVALID)
                            .contains(refused.kind()),
                    refused.getMessage());
        }
    }

    @Provide
    Arbitrary<Integer> approvals() {
        return Arbitraries.integers().between(1, 2);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<Integer> tampering() {
        return Arbitraries.integers().between(0, 3);
    }
}
