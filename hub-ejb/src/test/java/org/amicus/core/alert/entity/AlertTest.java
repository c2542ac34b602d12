package org.amicus.core.alert.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final OrgId ISSUER = new OrgId(UUID.randomUUID());
    private static final OrgId RECIPIENT = new OrgId(UUID.randomUUID());

    static AlertTerms terms(Duration validity, Duration escalateAfter) {
        return new AlertTerms(
                Severity.CRITICAL,
                ThreatCategory.DIGITAL,
                Optional.of(AlertTemplate.DEVICE_COMPROMISE),
                new AlertNotice(
                        "a phone was seized", Optional.empty(), "sign out its sessions", Optional.empty(), List.of()),
                T0,
                T0.plus(validity),
                escalateAfter);
    }

    @Test
    void anAlertNeedsSeverityCategoryAValidityAndAPositiveEscalationTime() {
        AlertNotice n = new AlertNotice("t", Optional.empty(), "do", Optional.empty(), List.of());
        assertTrue(assertThrows(
                        InvalidAlertException.class,
                        () -> new AlertTerms(
                                null,
                                ThreatCategory.DIGITAL,
                                Optional.empty(),
                                n,
                                T0,
                                T0.plusSeconds(60),
                                Duration.ofHours(1)))
                .getMessage()
                .contains("severity"));
        assertThrows(
                InvalidAlertException.class,
                () -> new AlertTerms(
                        Severity.WARNING, null, Optional.empty(), n, T0, T0.plusSeconds(60), Duration.ofHours(1)));
        assertThrows(
                InvalidAlertException.class,
                () -> new AlertTerms(
                        Severity.WARNING, ThreatCategory.LEGAL, Optional.empty(), n, T0, T0, Duration.ofHours(1)));
        assertTrue(assertThrows(InvalidAlertException.class, () -> terms(Duration.ofDays(1), Duration.ofHours(-1)))
                .getMessage()
                .contains("in the past"));
        assertThrows(InvalidAlertException.class, () -> terms(Duration.ofDays(1), Duration.ofSeconds(10)));
        assertThrows(InvalidAlertException.class, () -> terms(Duration.ofDays(400), Duration.ofHours(1)));
        assertThrows(
                InvalidAlertException.class,
                () -> new AlertNotice(" ", Optional.empty(), "do", Optional.empty(), List.of()));
        assertThrows(
                InvalidAlertException.class,
                () -> new AlertNotice("t", Optional.empty(), "", Optional.empty(), List.of()));
    }

    @Test
    void anAlertOverBeforeItIsSentIsRefusedAndOneThatEndsBeforeItsEscalationNeverEscalates() {
        AlertTerms t = terms(Duration.ofMinutes(30), Duration.ofHours(1));
        assertThrows(InvalidAlertException.class, () -> t.requireSendable(T0.plus(Duration.ofMinutes(30))));
        t.requireSendable(T0);
        assertEquals(Optional.empty(), t.firstEscalation(T0));
        assertEquals(
                Optional.of(T0.plus(Duration.ofHours(1))),
                terms(Duration.ofDays(1), Duration.ofHours(1)).firstEscalation(T0));
    }

    @Test
    void statusIsActiveUntilWithdrawnOrOverAndOnlyTheIssuerChangesIt() {
        Alert out = Alert.issued(
                AlertId.random(),
                ISSUER,
                terms(Duration.ofDays(1), Duration.ofHours(1)),
                "{}",
                new byte[1],
                "operator",
                T0);
        assertEquals(AlertStatus.ACTIVE, out.status(T0));
        assertEquals(AlertStatus.EXPIRED, out.status(T0.plus(Duration.ofDays(1))));
        assertThrows(AlertStateException.class, () -> out.acknowledge("operator", T0));
        out.revise(terms(Duration.ofDays(2), Duration.ofHours(1)), new byte[1], T0.plusSeconds(5));
        assertEquals(2, out.revision());
        out.withdraw(new byte[1], T0.plusSeconds(10));
        assertEquals(3, out.revision());
        assertEquals(AlertStatus.WITHDRAWN, out.status(T0.plusSeconds(10)));
        assertThrows(AlertStateException.class, () -> out.withdraw(new byte[1], T0.plusSeconds(20)));
        assertThrows(
                AlertStateException.class,
                () -> out.revise(terms(Duration.ofDays(2), Duration.ofHours(1)), new byte[1], T0.plusSeconds(20)));
    }

    @Test
    void aRecipientKeepsTheHighestRevisionAndAcknowledgesTheCurrentOne() {
        Alert in = Alert.received(
                AlertId.random(),
                ISSUER,
                1,
                false,
                terms(Duration.ofDays(1), Duration.ofHours(1)),
                "{}",
                new byte[1],
                T0,
                T0,
                T0);
        assertTrue(in.awaitsAcknowledgement(T0));
        assertThrows(
                AlertStateException.class,
                () -> in.revise(terms(Duration.ofDays(1), Duration.ofHours(1)), new byte[1], T0));
        in.acknowledge("person:x", T0.plusSeconds(1));
        assertFalse(in.awaitsAcknowledgement(T0.plusSeconds(1)));
        assertTrue(in.takeRevision(
                2, false, terms(Duration.ofDays(1), Duration.ofHours(1)), new byte[1], T0.plusSeconds(2)));
        assertFalse(in.takeRevision(2, false, terms(Duration.ofDays(1), Duration.ofHours(1)), new byte[1], T0), "seen");
        assertFalse(in.takeRevision(1, true, terms(Duration.ofDays(1), Duration.ofHours(1)), new byte[1], T0), "older");
        assertTrue(in.awaitsAcknowledgement(T0.plusSeconds(3)), "a new revision is acknowledged again");
        assertTrue(in.escalated(1, T0.plusSeconds(4)));
        assertFalse(in.escalated(1, T0.plusSeconds(5)), "an escalation counts once");
        assertTrue(in.takeRevision(
                3, true, terms(Duration.ofDays(1), Duration.ofHours(1)), new byte[1], T0.plusSeconds(6)));
        assertEquals(AlertStatus.WITHDRAWN, in.status(T0.plusSeconds(6)));
        assertFalse(in.awaitsAcknowledgement(T0.plusSeconds(6)));
        assertThrows(AlertStateException.class, () -> in.acknowledge("person:x", T0.plusSeconds(7)));
    }

    @Test
    void anOrganisationIsEscalatedWhenItsTimeComesAtMostFiveTimesAndNeverOnceItAcknowledged() {
        AlertRecipient r = new AlertRecipient(AlertId.random(), RECIPIENT, T0, T0.plus(Duration.ofHours(1)));
        assertFalse(r.escalationDue(T0.plus(Duration.ofMinutes(59))));
        assertTrue(r.escalationDue(T0.plus(Duration.ofHours(1))));
        Instant t = T0.plus(Duration.ofHours(1));
        for (int i = 1; i <= AlertRecipient.MAX_ESCALATIONS; i++) {
            assertTrue(r.escalationDue(t), "escalation " + i);
            assertEquals(i, r.escalate(t, Duration.ofHours(1)));
            t = t.plus(Duration.ofHours(1));
        }
        assertFalse(r.escalationDue(t.plus(Duration.ofDays(1))), "after five, the issuer follows up otherwise");

        AlertRecipient acked = new AlertRecipient(AlertId.random(), RECIPIENT, T0, T0.plus(Duration.ofHours(1)));
        acked.acknowledged(1, T0.plusSeconds(30));
        assertFalse(acked.escalationDue(T0.plus(Duration.ofDays(1))));
        acked.acknowledged(2, T0.plusSeconds(40));
        acked.acknowledged(1, T0.plusSeconds(50));
        assertEquals(
                Optional.of(2), acked.acknowledgedRevision(), "a late acknowledgement of revision 1 changes nothing");
    }

    @Test
    void indicatorsBecomeStixPatternsAndBackAndUnsafeValuesAreRefused() {
        Indicator d = new Indicator(Indicator.Kind.DOMAIN, "amicus-login.example");
        assertEquals("[domain-name:value = 'amicus-login.example']", d.stixPattern());
        assertEquals(Optional.of(d), Indicator.fromStixPattern(d.stixPattern()));
        Indicator h = new Indicator(Indicator.Kind.FILE_SHA256, "a".repeat(64));
        assertEquals("[file:hashes.'SHA-256' = '" + "a".repeat(64) + "']", h.stixPattern());
        assertEquals(Optional.of(h), Indicator.fromStixPattern(h.stixPattern()));
        assertEquals(Optional.empty(), Indicator.fromStixPattern("[x-custom:value = 'y']"));
        assertThrows(InvalidAlertException.class, () -> new Indicator(Indicator.Kind.URL, "http://x/' OR 1=1"));
        assertThrows(InvalidAlertException.class, () -> new Indicator(Indicator.Kind.FILE_SHA256, "abc"));
        assertThrows(InvalidAlertException.class, () -> Indicator.Kind.parse("hostname"));
    }
}
