package org.amicus.core.alert.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.alert.entity.AlertId;
import org.amicus.core.alert.entity.AlertNotice;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.core.alert.entity.AlertTerms;
import org.amicus.core.alert.entity.Indicator;
import org.amicus.core.alert.entity.Severity;
import org.amicus.core.alert.entity.ThreatCategory;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

class AlertMessagesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static AlertMessages.AlertDocument document() {
        AlertTerms terms = new AlertTerms(
                Severity.WARNING,
                ThreatCategory.DIGITAL,
                Optional.of(AlertTemplate.PHISHING_CAMPAIGN),
                new AlertNotice(
                        "تحذير: حملة تصيّد",
                        Optional.of("غازي عنتاب"),
                        "do not open the links",
                        Optional.of("seen since Monday"),
                        List.of(new Indicator(Indicator.Kind.EMAIL_SENDER, "support@amicus-login.example"))),
                T0,
                T0.plus(Duration.ofDays(14)),
                Duration.ofHours(4));
        return new AlertMessages.AlertDocument(
                AlertId.random(),
                new OrgId(UUID.randomUUID()),
                2,
                false,
                Optional.empty(),
                terms,
                T0,
                T0.plusSeconds(60),
                0);
    }

    @Test
    void anAlertDocumentRoundTripsWithEveryFieldAndItsEscalation() {
        AlertMessages.AlertDocument d = document().escalation(3);
        AlertMessages.AlertDocument back = AlertMessages.readAlert(AlertMessages.write(d));
        assertEquals(d.alert(), back.alert());
        assertEquals(d.issuer(), back.issuer());
        assertEquals(2, back.revision());
        assertEquals(3, back.escalation());
        assertEquals(d.terms().notice(), back.terms().notice());
        assertEquals(d.terms().validUntil(), back.terms().validUntil());
        assertEquals(d.terms().escalateAfter(), back.terms().escalateAfter());
        assertEquals(d.terms().template(), back.terms().template());
    }

    @Test
    void aWithdrawalCarriesItsReasonAndTheSealedCopyKeepsTheWords() {
        AlertMessages.AlertDocument d = document();
        AlertMessages.AlertDocument w = new AlertMessages.AlertDocument(
                d.alert(), d.issuer(), 3, true, Optional.of("taken down"), d.terms(), d.issuedAt(), d.revisedAt(), 0);
        AlertMessages.AlertDocument back = AlertMessages.readAlert(AlertMessages.write(w));
        assertTrue(back.withdrawn());
        assertEquals(Optional.of("taken down"), back.withdrawalReason());
        String kept = AlertMessages.noticeText(d.terms().notice(), Optional.of("taken down"));
        assertEquals(d.terms().notice(), AlertMessages.readNotice(kept));
        assertEquals(Optional.of("taken down"), AlertMessages.readWithdrawalReason(kept));
    }

    @Test
    void malformedDocumentsAndAcknowledgementsAreRefused() {
        String good = AlertMessages.write(document());
        assertThrows(IllegalArgumentException.class, () -> AlertMessages.readAlert("not json"));
        assertThrows(IllegalArgumentException.class, () -> AlertMessages.readAlert(good.replace("\"v\":1", "\"v\":9")));
        assertThrows(
                IllegalArgumentException.class,
                () -> AlertMessages.readAlert(
                        good.replace("\"severity\":\"warning\"", "\"severity\":\"apocalyptic\"")));
        assertThrows(
                IllegalArgumentException.class,
                () -> AlertMessages.readAlert(good.replace("\"active\"", "\"paused\"")));
        AlertMessages.Acknowledgement a =
                new AlertMessages.Acknowledgement(AlertId.random(), 2, new OrgId(UUID.randomUUID()), T0);
        assertEquals(a, AlertMessages.readAcknowledgement(AlertMessages.write(a)));
        assertThrows(
                IllegalArgumentException.class,
                () -> AlertMessages.readAcknowledgement(
                        AlertMessages.write(a).replace("\"revision\":2", "\"revision\":0")));
    }
}
