package org.amicus.core.submission.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.ItemDetails;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.CustodyStatement;
import org.amicus.core.submission.entity.Source;
import org.amicus.core.submission.entity.SubmissionId;
import org.junit.jupiter.api.Test;

class SubmissionMessagesTest {

    private static final OrgId A = OrgId.random();
    private static final OrgId C = OrgId.random();
    private static final SubmissionId ID = SubmissionId.random();
    private static final String SHA = "ab".repeat(32);
    private static final String SIGNER = "0123456789ABCDEF0123456789ABCDEF01234567";

    private static ItemDetails details() {
        return new ItemDetails(
                "Interview",
                "",
                "interview \"0042\".mp4",
                "video/mp4",
                new CustodyStatement("Field team 2", "2024-03-11", "Northern district", "copied once\nthen sealed"),
                List.of(new Source(
                        "W-0042", "witness", Set.of(ConsentUse.EVIDENCE, ConsentUse.LEAD), OptionalInt.of(3))));
    }

    @Test
    void aCustodyRecordIsCanonicalJsonWithSortedKeysAndReadsBack() {
        String text = SubmissionMessages.custodyRecord(
                1,
                SubmissionMessages.GENESIS,
                ID,
                "f1",
                SHA,
                268435456L,
                CustodyEvent.INTAKE,
                A,
                SIGNER,
                Instant.parse("2026-11-30T10:00:00Z"),
                Optional.of(details()));
        assertTrue(text.startsWith("{\"at\":\"2026-11-30T10:00:00Z\",\"event\":\"intake\",\"file\":\"f1\","), text);
        assertTrue(
                text.contains("\"statement\":{\"collectedAt\":\"2024-03-11\",\"collectedBy\":\"Field team 2\""), text);
        assertTrue(text.contains("\"originalName\":\"interview \\\"0042\\\".mp4\""), text);
        assertTrue(text.contains("copied once\\nthen sealed"), text);
        assertTrue(!text.contains(" \""), "no whitespace between tokens");
        SubmissionMessages.RecordFacts f = SubmissionMessages.readRecord(text);
        assertEquals(1, f.seq());
        assertEquals(SHA, f.sha256());
        assertEquals(268435456L, f.size());
        assertEquals("intake", f.event());
        assertEquals(A.toString(), f.organisation());
    }

    @Test
    void theSubmissionRoundTripsWithItsItemsSourcesAndCustodyChain() {
        var record = new SubmissionMessages.SignedRecord("{\"x\":1}", new byte[] {1, 2, 3}, SIGNER);
        var wire = new SubmissionMessages.Wire(
                ID,
                Optional.of(RequestId.random()),
                A,
                C,
                new SubmissionMessages.Text("Footage", "As requested."),
                Instant.parse("2026-11-30T10:00:00Z"),
                List.of(new SubmissionMessages.Item("f1", SHA, 42, details(), List.of(record))));
        var back = SubmissionMessages.readWire(SubmissionMessages.write(wire));
        assertEquals(wire.id(), back.id());
        assertEquals(wire.request(), back.request());
        assertEquals(details(), back.items().get(0).details());
        assertEquals("{\"x\":1}", back.items().get(0).custody().get(0).text());
        assertEquals(3, back.items().get(0).custody().get(0).signature().length);
    }

    @Test
    void aReceiptNamesEachFileWithItsOutcome() {
        String text = SubmissionMessages.receipt(
                ID,
                A,
                C,
                SIGNER,
                Instant.parse("2026-11-30T10:05:00Z"),
                List.of(new SubmissionMessages.ReceiptFile("f1", SHA, 42, "verified")));
        assertTrue(text.startsWith("{\"files\":[{\"file\":\"f1\",\"outcome\":\"verified\",\"sha256\":\""), text);
        var facts = SubmissionMessages.readReceipt(text);
        assertEquals(ID.toString(), facts.submission());
        assertEquals("verified", facts.files().get(0).outcome());
        assertThrows(
                IllegalArgumentException.class,
                () -> SubmissionMessages.readReceipt(SubmissionMessages.custodyRecord(
                        1,
                        SubmissionMessages.GENESIS,
                        ID,
                        "f1",
                        SHA,
                        1,
                        CustodyEvent.SENT,
                        A,
                        SIGNER,
                        Instant.now(),
                        Optional.empty())));
    }

    @Test
    void aForwardedReceiptCarriesTheSignedTextUnchanged() {
        String text = SubmissionMessages.receipt(
                ID,
                A,
                C,
                SIGNER,
                Instant.parse("2026-11-30T10:05:00Z"),
                List.of(new SubmissionMessages.ReceiptFile("f2", SHA, 42, "verified")));
        SubmissionId contribution = SubmissionId.random();
        var back = SubmissionMessages.readForwardedReceipt(SubmissionMessages.write(
                new SubmissionMessages.ForwardedReceipt(contribution, text, new byte[] {1, 2, 3}, SIGNER)));
        assertEquals(contribution, back.contribution());
        assertEquals(text, back.receipt(), "byte for byte: the signature covers it");
        assertEquals(3, back.signature().length);
        assertEquals(SIGNER, back.signer());
        assertThrows(
                RuntimeException.class,
                () -> SubmissionMessages.readForwardedReceipt("{\"v\":2,\"contribution\":\"" + contribution
                        + "\",\"receipt\":\"\",\"signature\":\"\",\"signer\":\"\"}"));
        assertThrows(RuntimeException.class, () -> SubmissionMessages.readForwardedReceipt("{\"v\":1}"));
    }

    @Test
    void aFileHeldBackIsNamedWithItsHashAndTheOnlyReasonKnown() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        var back = SubmissionMessages.readHeldBack(
                SubmissionMessages.write(new SubmissionMessages.HeldBack(ID, "f3", SHA, "altered-after-intake", at)));
        assertEquals(ID, back.submission());
        assertEquals("f3", back.file());
        assertEquals(SHA, back.sha256());
        assertEquals("altered-after-intake", back.reason());
        assertEquals(at, back.at());
        String otherReason = SubmissionMessages.write(new SubmissionMessages.HeldBack(ID, "f3", SHA, "lost", at));
        assertThrows(RuntimeException.class, () -> SubmissionMessages.readHeldBack(otherReason));
        assertThrows(
                RuntimeException.class,
                () -> SubmissionMessages.readHeldBack(otherReason.replace("\"v\":1", "\"v\":2")));
        assertThrows(RuntimeException.class, () -> SubmissionMessages.readHeldBack("{\"v\":1}"));
    }

    @Test
    void sourcesArePseudonymousAndTheirConsentIsExplicit() {
        assertThrows(IllegalArgumentException.class, () -> new Source("Jane Doe", "witness", Set.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Source("", "witness", Set.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Source("W-1", "witness", Set.of(), OptionalInt.of(-1)));
        Source s = new Source("W-1", null, null, null);
        assertEquals("witness", s.role());
        assertTrue(s.consent().isEmpty(), "nothing consented unless named");
        assertThrows(IllegalArgumentException.class, () -> ConsentUse.parse("everything"));
        assertEquals(ConsentUse.IDENTITY_DISCLOSURE, ConsentUse.parse("identity-disclosure"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ItemDetails(
                        "t",
                        "",
                        "n",
                        "m",
                        details().custody(),
                        List.of(new Source("W-1", null, null, null), new Source("W-1", null, null, null))));
        assertThrows(IllegalArgumentException.class, () -> new CustodyStatement("", "2024", "here", null));
    }

    @Test
    void feedbackIsStructuredOnlyFromTheRecipientAndEachKindCarriesWhatItNeeds() {
        var now = Instant.parse("2026-11-30T11:00:00Z");
        var relevance = new SubmissionMessages.Feedback(
                ID,
                java.util.UUID.randomUUID(),
                org.amicus.core.submission.entity.FeedbackKind.RELEVANCE,
                true,
                now,
                "",
                Optional.of("high"),
                List.of());
        assertEquals(relevance, SubmissionMessages.readFeedback(SubmissionMessages.write(relevance)));
        var gaps = new SubmissionMessages.Feedback(
                ID,
                java.util.UUID.randomUUID(),
                org.amicus.core.submission.entity.FeedbackKind.GAPS,
                true,
                now,
                "see the list",
                Optional.empty(),
                List.of("who held the file between March and May"));
        assertEquals(
                gaps.gaps(),
                SubmissionMessages.readFeedback(SubmissionMessages.write(gaps)).gaps());
        assertThrows(
                IllegalArgumentException.class,
                () -> new SubmissionMessages.Feedback(
                        ID,
                        java.util.UUID.randomUUID(),
                        org.amicus.core.submission.entity.FeedbackKind.ASSESSED,
                        false,
                        now,
                        "",
                        Optional.empty(),
                        List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SubmissionMessages.Feedback(
                        ID,
                        java.util.UUID.randomUUID(),
                        org.amicus.core.submission.entity.FeedbackKind.RELEVANCE,
                        true,
                        now,
                        "",
                        Optional.of("very"),
                        List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SubmissionMessages.Feedback(
                        ID,
                        java.util.UUID.randomUUID(),
                        org.amicus.core.submission.entity.FeedbackKind.GAPS,
                        true,
                        now,
                        "",
                        Optional.empty(),
                        List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SubmissionMessages.Feedback(
                        ID,
                        java.util.UUID.randomUUID(),
                        org.amicus.core.submission.entity.FeedbackKind.MESSAGE,
                        false,
                        now,
                        " ",
                        Optional.empty(),
                        List.of()));
        var message = new SubmissionMessages.Feedback(
                ID,
                java.util.UUID.randomUUID(),
                org.amicus.core.submission.entity.FeedbackKind.MESSAGE,
                false,
                now,
                "a question",
                Optional.empty(),
                List.of());
        assertEquals(message, SubmissionMessages.readFeedback(SubmissionMessages.write(message)));
    }

    @Test
    void aJointDraftAndAContributionTravelWithTheirLeadCoalitionAndContributor() {
        var joint = new SubmissionMessages.Joint(
                ID, A, "c0a1", C, Optional.empty(), new SubmissionMessages.Text("Joint", "together"), true);
        assertEquals(joint, SubmissionMessages.readJoint(SubmissionMessages.write(joint)));
        var contribution = new SubmissionMessages.Wire(
                SubmissionId.random(),
                Optional.empty(),
                A,
                C,
                new SubmissionMessages.Text("Contribution", ""),
                Instant.parse("2026-11-30T10:00:00Z"),
                List.of(new SubmissionMessages.Item("f1", SHA, 42, details(), List.of(), Optional.of(A))),
                Optional.of(ID),
                Optional.empty());
        var back = SubmissionMessages.readWire(SubmissionMessages.write(contribution));
        assertEquals(Optional.of(ID), back.joint());
        assertEquals(Optional.of(A), back.items().get(0).contributor());
        var withdrawal = new SubmissionMessages.Withdrawal(
                ID, "f2", "W-0042", Set.of(ConsentUse.SHARING), Instant.parse("2026-11-30T10:00:00Z"));
        assertEquals(withdrawal, SubmissionMessages.readWithdrawal(SubmissionMessages.write(withdrawal)));
    }

    @Test
    void anItemIsPassedOnOnlyIfEverySourceConsentedToSharingAndDidNotWithdrawIt() {
        var item = new ItemDetails(
                "t",
                "",
                "n",
                "m",
                details().custody(),
                List.of(
                        new Source("W-1", null, Set.of(ConsentUse.SHARING, ConsentUse.LEAD), null),
                        new Source("W-2", null, Set.of(ConsentUse.LEAD), null)));
        assertEquals(List.of("source W-2 did not consent to sharing"), item.sharingRefusals(java.util.Map.of()));
        assertEquals(
                List.of("source W-1 withdrew consent to sharing", "source W-2 did not consent to sharing"),
                item.sharingRefusals(java.util.Map.of("W-1", Set.of(ConsentUse.SHARING))));
        assertEquals(
                List.of("source W-2 did not consent to sharing"),
                item.sharingRefusals(java.util.Map.of("W-1", Set.of(ConsentUse.LEAD))),
                "withdrawing another use leaves sharing");
        var noSources = new ItemDetails("t", "", "n", "m", details().custody(), List.of());
        assertTrue(noSources.sharingRefusals(java.util.Map.of()).isEmpty(), "material without sources");
    }
}
