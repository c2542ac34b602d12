package org.amicus.core.coalition.control;

import static org.amicus.core.coalition.control.RosterPropertiesTest.COALITION;
import static org.amicus.core.coalition.control.RosterPropertiesTest.ORGS;
import static org.amicus.core.coalition.control.RosterPropertiesTest.SIGNATURES;
import static org.amicus.core.coalition.control.RosterPropertiesTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.amicus.core.coalition.entity.RosterEvent;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

/** The roster chain as it travels between nodes: read back exactly, and checked again by the receiver. */
class RosterChainTest {

    private final OrgId founder = ORGS.get(0);
    private final OrgId b = ORGS.get(1);
    private final OrgId c = ORGS.get(2);

    private List<RosterEvent> history() {
        Roster r = new Roster(COALITION);
        List<RosterEvent> events = new ArrayList<>();
        for (Object[] s : new Object[][] {
            {RosterEventKind.FOUNDED, founder, founder},
            {RosterEventKind.INVITED, founder, b},
            {RosterEventKind.ACCEPTED, b, b},
            {RosterEventKind.INVITED, founder, c},
            {RosterEventKind.ACCEPTED, c, c},
            {RosterEventKind.REMOVED, founder, b}
        }) {
            RosterEvent e = event(r, (RosterEventKind) s[0], (OrgId) s[1], (OrgId) s[2], (OrgId) s[1], 1);
            r.apply(e, SIGNATURES);
            events.add(e);
        }
        return events;
    }

    /** What a receiving node does: rebuild the roster from the chain, checking each event. */
    private static Roster replay(List<RosterEvent> events) {
        Roster r = new Roster(COALITION);
        events.forEach(e -> r.apply(e, SIGNATURES));
        return r;
    }

    @Test
    void aChainWrittenAndReadBackRebuildsTheSameRoster() {
        List<RosterEvent> events = history();
        RosterChain.Read read = RosterChain.read(RosterChain.write(COALITION, events));
        assertEquals(COALITION, read.coalition());
        Roster original = replay(events);
        Roster received = replay(read.events());
        assertEquals(original.head(), received.head());
        assertEquals(original.standings(), received.standings());
        assertEquals(java.util.Set.of(founder, c), received.activeMembers());
    }

    @Test
    void anAlteredReorderedOrForeignEventInTheChainIsRefused() {
        List<RosterEvent> events = history();
        // altered on the way: the removal now names C, with B's old signature
        List<RosterEvent> altered = new ArrayList<>(events);
        RosterEvent removal = events.get(5);
        altered.set(
                5,
                new RosterEvent(
                        COALITION,
                        removal.seq(),
                        removal.prevHash(),
                        removal.kind(),
                        removal.actor(),
                        c,
                        removal.at(),
                        null,
                        false,
                        1,
                        removal.signature()));
        RosterChain.Read read = RosterChain.read(RosterChain.write(COALITION, altered));
        RosterEventRefusedException forged =
                assertThrows(RosterEventRefusedException.class, () -> replay(read.events()));
        assertEquals(RosterEventRefusedException.Kind.FORGED, forged.kind());

        List<RosterEvent> reordered = new ArrayList<>(events);
        java.util.Collections.swap(reordered, 3, 4);
        RosterEventRefusedException outOfOrder = assertThrows(
                RosterEventRefusedException.class,
                () -> replay(RosterChain.read(RosterChain.write(COALITION, reordered))
                        .events()));
        assertEquals(RosterEventRefusedException.Kind.OUT_OF_ORDER, outOfOrder.kind());

        String foreign =
                RosterChain.write(new org.amicus.core.coalition.entity.CoalitionId(new java.util.UUID(9, 9)), events);
        assertEquals(
                RosterEventRefusedException.Kind.INVALID,
                assertThrows(RosterEventRefusedException.class, () -> RosterChain.read(foreign))
                        .kind());
    }

    @Test
    void aLineNotInItsCanonicalFormOrAMalformedChainIsRefused() {
        String line = history().get(1).line();
        String spaced = line.replace(",\"seq\"", ", \"seq\"");
        assertThrows(RosterEventRefusedException.class, () -> RosterChain.parseLine(spaced));
        assertEquals(line, RosterChain.parseLine(line).line());
        for (String bad : new String[] {
            "",
            "[]",
            "{}",
            "{\"amicusRoster\":2}",
            "{\"amicusRoster\":1,\"coalition\":\"x\",\"events\":[]}",
            "{\"amicusRoster\":1,\"coalition\":\"" + COALITION + "\",\"events\":[]}",
            "{\"amicusRoster\":1,\"coalition\":\"" + COALITION + "\",\"events\":[{\"line\":\"{}\",\"signature\":\"\"}]}"
        }) {
            RosterEventRefusedException e =
                    assertThrows(RosterEventRefusedException.class, () -> RosterChain.read(bad), bad);
            assertEquals(RosterEventRefusedException.Kind.INVALID, e.kind(), bad);
        }
    }
}
