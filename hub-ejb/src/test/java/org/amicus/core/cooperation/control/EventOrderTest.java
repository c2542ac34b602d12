package org.amicus.core.cooperation.control;

import static org.amicus.core.cooperation.control.EventOrder.Verdict.APPLY;
import static org.amicus.core.cooperation.control.EventOrder.Verdict.DUPLICATE;
import static org.amicus.core.cooperation.control.EventOrder.Verdict.HOLD;
import static org.amicus.core.cooperation.control.EventOrder.Verdict.STALE;
import static org.amicus.core.cooperation.control.EventOrder.Verdict.SUPERSEDE_AND_APPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.cooperation.control.EventOrder.Link;
import org.amicus.core.cooperation.entity.Party;
import org.junit.jupiter.api.Test;

/** How arriving events fit the chain: in order, again, out of order, and crossing with the other side's. */
class EventOrderTest {

    private final Link sent = new Link(UUID.randomUUID(), Optional.empty(), Party.REQUESTER);
    private final Link accepted = after(sent, Party.RESPONDER);

    private static Link after(Link previous, Party party) {
        return new Link(UUID.randomUUID(), Optional.of(previous.id()), party);
    }

    @Test
    void anEventThatFollowsTheLastIsApplied() {
        assertEquals(APPLY, EventOrder.place(List.of(sent), List.of(), accepted));
        assertEquals(APPLY, EventOrder.place(List.of(sent, accepted), List.of(), after(accepted, Party.REQUESTER)));
    }

    @Test
    void anEventHeldAlreadyIsADuplicate() {
        assertEquals(DUPLICATE, EventOrder.place(List.of(sent, accepted), List.of(), accepted));
        assertEquals(DUPLICATE, EventOrder.place(List.of(sent), List.of(accepted.id()), accepted));
    }

    @Test
    void anEventAheadOfOneNotYetHereIsHeld() {
        Link partly = after(accepted, Party.RESPONDER);
        assertEquals(HOLD, EventOrder.place(List.of(sent), List.of(), partly));
    }

    @Test
    void whenBothSidesActFromTheSameEventTheRequestersStandsOnBothNodes() {
        Link withdrawn = after(sent, Party.REQUESTER);
        // at the responder, which accepted: the withdrawal supersedes the acceptance
        assertEquals(SUPERSEDE_AND_APPLY, EventOrder.place(List.of(sent, accepted), List.of(), withdrawn));
        // at the requester, which withdrew: the acceptance is stale
        assertEquals(STALE, EventOrder.place(List.of(sent, withdrawn), List.of(), accepted));
        // and what the responder did after its superseded acceptance is stale as well
        Link partly = after(accepted, Party.RESPONDER);
        assertEquals(STALE, EventOrder.place(List.of(sent, withdrawn), List.of(accepted.id()), partly));
    }

    @Test
    void aResponderEventNeverSupersedesTheRequesters() {
        Link answered = after(sent, Party.REQUESTER);
        Link late = after(sent, Party.RESPONDER);
        assertEquals(STALE, EventOrder.place(List.of(sent, answered), List.of(), late));
    }

    @Test
    void anEventWithoutAPredecessorOtherThanTheFirstIsStale() {
        assertEquals(
                STALE,
                EventOrder.place(
                        List.of(sent), List.of(), new Link(UUID.randomUUID(), Optional.empty(), Party.REQUESTER)));
    }
}
