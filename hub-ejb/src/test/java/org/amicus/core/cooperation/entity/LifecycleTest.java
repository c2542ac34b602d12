package org.amicus.core.cooperation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

/** The lifecycle of a request between its requester and one responder, and its deadline flags. */
class LifecycleTest {

    private static final Instant T0 = Instant.parse("2027-01-10T09:00:00Z");
    private static final Instant DEADLINE = T0.plus(Duration.ofDays(10));

    private static RequestThread sent() {
        RequestThread t = new RequestThread(RequestId.random(), new OrgId(UUID.randomUUID()), DEADLINE, T0);
        t.apply(UUID.randomUUID(), Action.SEND, Party.REQUESTER, Optional.empty(), T0);
        return t;
    }

    private static RequestState act(RequestThread t, Action a, Party p) {
        return t.apply(UUID.randomUUID(), a, p, Optional.empty(), T0);
    }

    @Test
    void theWholeWayFromSentToClosed() {
        RequestThread t = sent();
        assertEquals(RequestState.SENT, t.state());
        assertEquals(RequestState.ACKNOWLEDGED, act(t, Action.ACKNOWLEDGE, Party.RESPONDER));
        assertEquals(RequestState.CLARIFICATION_REQUESTED, act(t, Action.REQUEST_CLARIFICATION, Party.RESPONDER));
        assertEquals(RequestState.CLARIFICATION_ANSWERED, act(t, Action.ANSWER_CLARIFICATION, Party.REQUESTER));
        assertEquals(RequestState.ACCEPTED, act(t, Action.ACCEPT, Party.RESPONDER));
        assertEquals(RequestState.PARTIALLY_FULFILLED, act(t, Action.FULFIL_PARTIALLY, Party.RESPONDER));
        assertEquals(RequestState.PARTIALLY_FULFILLED, act(t, Action.FULFIL_PARTIALLY, Party.RESPONDER));
        assertEquals(RequestState.FULFILLED, act(t, Action.FULFIL, Party.RESPONDER));
        assertEquals(RequestState.CLOSED, act(t, Action.CLOSE, Party.REQUESTER));
        assertEquals(9, t.seq());
        assertTrue(t.state().isFinal());
    }

    @Test
    void eachSideTakesOnlyItsOwnSteps() {
        RequestThread t = sent();
        var e = assertThrows(IllegalTransitionException.class, () -> act(t, Action.ACCEPT, Party.REQUESTER));
        assertTrue(e.getMessage().contains("only the responder"), e.getMessage());
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.WITHDRAW, Party.RESPONDER));
        assertEquals(RequestState.SENT, t.state(), "nothing changed");
        assertEquals(1, t.seq());
    }

    @Test
    void illegalStepsAreRefusedAndChangeNothing() {
        RequestThread t = sent();
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.FULFIL, Party.RESPONDER));
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.ANSWER_CLARIFICATION, Party.REQUESTER));
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.CLOSE, Party.REQUESTER));
        act(t, Action.DECLINE, Party.RESPONDER);
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.ACCEPT, Party.RESPONDER));
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.WITHDRAW, Party.REQUESTER));
        assertEquals(RequestState.CLOSED, act(t, Action.CLOSE, Party.REQUESTER));
    }

    @Test
    void nothingFollowsAWithdrawal() {
        RequestThread t = sent();
        act(t, Action.ACCEPT, Party.RESPONDER);
        act(t, Action.WITHDRAW, Party.REQUESTER);
        for (Action a : Action.values()) {
            assertThrows(IllegalTransitionException.class, () -> act(t, a, a.by()), a.name());
        }
        assertEquals(RequestState.WITHDRAWN, t.state());
    }

    @Test
    void aSecondSendIsRefused() {
        RequestThread t = sent();
        assertThrows(IllegalTransitionException.class, () -> act(t, Action.SEND, Party.REQUESTER));
    }

    @Test
    void theReminderAndTheOverdueFlagFallDueOnceAndALaterDeadlineClearsThem() {
        RequestThread t = sent();
        Duration lead = Duration.ofDays(3);
        assertFalse(t.remindIfDue(lead, T0), "ten days ahead: no reminder yet");
        Instant near = DEADLINE.minus(Duration.ofDays(2));
        assertTrue(t.remindIfDue(lead, near));
        assertFalse(t.remindIfDue(lead, near.plusSeconds(10)), "once");
        assertFalse(t.flagIfOverdue(near));
        assertFalse(t.overdue(near));
        assertTrue(t.flagIfOverdue(DEADLINE));
        assertTrue(t.overdue(DEADLINE));
        assertFalse(t.flagIfOverdue(DEADLINE.plusSeconds(60)), "once");

        var earlier = assertThrows(
                IllegalTransitionException.class,
                () -> t.apply(
                        UUID.randomUUID(), Action.EXTEND_DEADLINE, Party.REQUESTER, Optional.of(DEADLINE), DEADLINE));
        assertTrue(earlier.getMessage().contains("later"), earlier.getMessage());
        Instant later = DEADLINE.plus(Duration.ofDays(14));
        assertEquals(
                RequestState.SENT,
                t.apply(UUID.randomUUID(), Action.EXTEND_DEADLINE, Party.REQUESTER, Optional.of(later), DEADLINE));
        assertEquals(later, t.deadline());
        assertTrue(t.overdueAt().isEmpty() && t.remindedAt().isEmpty(), "flags cleared");
        assertFalse(t.overdue(DEADLINE.plusSeconds(60)));
    }

    @Test
    void aFulfilledOrDeclinedPartIsNeverOverdue() {
        RequestThread t = sent();
        act(t, Action.DECLINE, Party.RESPONDER);
        assertFalse(t.flagIfOverdue(DEADLINE.plusSeconds(1)));
        assertFalse(t.remindIfDue(Duration.ofDays(3), DEADLINE));
    }
}
