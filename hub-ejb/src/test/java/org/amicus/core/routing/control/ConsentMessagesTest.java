package org.amicus.core.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.control.ConsentMessages.Reply;
import org.amicus.core.routing.control.ConsentMessages.Request;
import org.junit.jupiter.api.Test;

/** Consent requests and replies on the wire, and which reply answers which request. */
class ConsentMessagesTest {

    private static final OrgId A = new OrgId(new UUID(7, 1));
    private static final OrgId B = new OrgId(new UUID(7, 2));
    private static final OrgId C = new OrgId(new UUID(7, 3));
    private static final OrgId D = new OrgId(new UUID(7, 4));
    private static final UUID MESSAGE = new UUID(8, 1);
    private static final Instant UNTIL = Instant.parse("2027-01-31T00:00:00Z");

    private final Request asked = new Request(new UUID(9, 1), MESSAGE, A, B, Set.of(C, D));

    private Reply reply(UUID id, UUID message, OrgId originator, OrgId holder, Set<OrgId> orgs, boolean granted) {
        return new Reply(
                id, message, originator, holder, orgs, granted, granted ? Optional.of(UNTIL) : Optional.empty());
    }

    @Test
    void requestsAndRepliesReadBackAsWritten() {
        assertEquals(asked, ConsentMessages.readRequest(ConsentMessages.write(asked)));
        Reply granted = reply(asked.id(), MESSAGE, A, B, Set.of(D, C), true);
        assertEquals(granted, ConsentMessages.readReply(ConsentMessages.write(granted)));
        Reply refused = reply(asked.id(), MESSAGE, A, B, Set.of(C, D), false);
        assertEquals(refused, ConsentMessages.readReply(ConsentMessages.write(refused)));
    }

    @Test
    void onlyTheOriginatorsAnswerToTheRequestAsMadeCounts() {
        assertEquals(
                Optional.empty(),
                reply(asked.id(), MESSAGE, A, B, Set.of(C, D), true).mismatch(asked, A));
        assertEquals(
                Optional.empty(),
                reply(asked.id(), MESSAGE, A, B, Set.of(C, D), false).mismatch(asked, A));
        Object[][] wrong = {
            {reply(new UUID(9, 2), MESSAGE, A, B, Set.of(C, D), true), A, "another request"},
            {reply(asked.id(), MESSAGE, A, B, Set.of(C, D), true), C, "originator"},
            {reply(asked.id(), MESSAGE, C, B, Set.of(C, D), true), C, "originator"},
            {reply(asked.id(), new UUID(8, 2), A, B, Set.of(C, D), true), A, "another message"},
            {reply(asked.id(), MESSAGE, A, D, Set.of(C, D), true), A, "holder"},
            {reply(asked.id(), MESSAGE, A, B, Set.of(C), true), A, "other organisations"},
            {reply(asked.id(), MESSAGE, A, B, Set.of(C, D, A), true), A, "other organisations"},
            {new Reply(asked.id(), MESSAGE, A, B, Set.of(C, D), true, Optional.empty()), A, "validity"}
        };
        for (Object[] w : wrong) {
            Optional<String> why = ((Reply) w[0]).mismatch(asked, (OrgId) w[1]);
            assertTrue(why.isPresent() && why.get().contains((String) w[2]), w[0] + " -> " + why);
        }
    }

    @Test
    void malformedOnesAreRefused() {
        for (String bad : new String[] {
            "",
            "[]",
            "{}",
            "{\"amicusConsentRequest\":2}",
            ConsentMessages.write(asked).replace("\"organisations\":[", "\"organisations\":[1,"),
            ConsentMessages.write(asked).replace(MESSAGE.toString(), "not-a-uuid")
        }) {
            assertThrows(RuntimeException.class, () -> ConsentMessages.readRequest(bad), bad);
        }
        String granted = ConsentMessages.write(reply(asked.id(), MESSAGE, A, B, Set.of(C), true));
        assertThrows(RuntimeException.class, () -> ConsentMessages.readReply(granted.replace("granted", "maybe")));
        assertThrows(
                RuntimeException.class, () -> ConsentMessages.readReply(granted.replace(UNTIL.toString(), "tomorrow")));
    }
}
