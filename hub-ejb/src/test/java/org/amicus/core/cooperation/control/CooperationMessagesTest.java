package org.amicus.core.cooperation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.cooperation.entity.Action;
import org.amicus.core.cooperation.entity.Party;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.cooperation.entity.RequestTerms;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

class CooperationMessagesTest {

    private static final OrgId MECHANISM = new OrgId(UUID.randomUUID());
    private static final OrgId CSO = new OrgId(UUID.randomUUID());

    static RequestTerms terms() {
        return new RequestTerms(
                "Detention sites in the northern region",
                List.of("torture", "enforced disappearance"),
                "Northern region",
                Optional.of(LocalDate.parse("2022-02-24")),
                Optional.of(LocalDate.parse("2023-12-31")),
                "Article 15(2), request under the cooperation agreement",
                List.of("witness statements", "site photographs"),
                "Shared with the investigation team only; no disclosure without consent",
                "Investigator on duty");
    }

    @Test
    void aRequestAndItsEventsTravelAndReadBackTheSame() {
        var req = new CooperationMessages.Request(
                RequestId.random(), MECHANISM, terms(), Instant.parse("2027-02-01T00:00:00Z"), Instant.now());
        var back = CooperationMessages.readRequest(CooperationMessages.write(req));
        assertEquals(req, back);
        var first = back.firstEvent(CSO);
        assertEquals(req.id().value(), first.id(), "the first event has the request's id");
        var question = new CooperationMessages.Event(
                req.id(),
                MECHANISM,
                CSO,
                UUID.randomUUID(),
                2,
                Optional.of(first.id()),
                Action.REQUEST_CLARIFICATION,
                Party.RESPONDER,
                Instant.now(),
                Optional.of("Which period exactly?"),
                Optional.empty());
        assertEquals(question, CooperationMessages.readEvent(CooperationMessages.write(question)));
        assertEquals(CSO, question.actor());
    }

    @Test
    void malformedOrContradictoryDocumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CooperationMessages.readRequest("{}"));
        assertThrows(IllegalArgumentException.class, () -> CooperationMessages.readEvent("not json"));
        assertThrows(
                IllegalArgumentException.class,
                () -> CooperationMessages.readEvent("{\"amicusCooperationEvent\":1,\"event\":{\"request\":\"x\"}}"));
        var wrongSide = assertThrows(
                IllegalArgumentException.class,
                () -> new CooperationMessages.Event(
                        RequestId.random(),
                        MECHANISM,
                        CSO,
                        UUID.randomUUID(),
                        2,
                        Optional.of(UUID.randomUUID()),
                        Action.ACCEPT,
                        Party.REQUESTER,
                        Instant.now(),
                        Optional.empty(),
                        Optional.empty()));
        assertTrue(wrongSide.getMessage().contains("responder"), wrongSide.getMessage());
    }

    @Test
    void termsNameWhatIsMissing() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new RequestTerms(
                        "s", List.of(), "", Optional.empty(), Optional.empty(), "basis", List.of(), "c", "p"));
        assertTrue(e.getMessage().startsWith("needed"), e.getMessage());
        var period = assertThrows(
                IllegalArgumentException.class,
                () -> new RequestTerms(
                        "s",
                        List.of(),
                        "",
                        Optional.of(LocalDate.parse("2024-01-01")),
                        Optional.of(LocalDate.parse("2023-01-01")),
                        "basis",
                        List.of("x"),
                        "c",
                        "p"));
        assertTrue(period.getMessage().contains("period"), period.getMessage());
    }
}
