package org.amicus.core.submission.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.platform.control.Sha256;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;
import org.amicus.core.submission.entity.CustodyStatement;
import org.amicus.core.submission.entity.SubmissionId;
import org.junit.jupiter.api.Test;

/** The rules of a chain of custody, with signatures stood in for by a verifier that knows some keys. */
class CustodyChainTest {

    private static final OrgId PARTNER = OrgId.random();
    private static final OrgId LEAD = OrgId.random();
    private static final Fingerprint PARTNER_KEY = Fingerprint.parse("1111111111111111111111111111111111111111");
    private static final Fingerprint LEAD_KEY = Fingerprint.parse("2222222222222222222222222222222222222222");
    private static final SubmissionId CONTRIBUTION = SubmissionId.random();
    private static final SubmissionId JOINT = SubmissionId.random();
    private static final String SHA = "cd".repeat(32);
    private static final byte[] GOOD = "good".getBytes(StandardCharsets.UTF_8);

    /** Knows both keys unless told otherwise; a signature verifies if it is GOOD. */
    private static CustodyChain.Verifier knowing(Set<Fingerprint> known) {
        return (text, signature, by) ->
                known.contains(by) ? Optional.of(java.util.Arrays.equals(GOOD, signature)) : Optional.empty();
    }

    private static final CustodyChain.Verifier BOTH = knowing(Set.of(PARTNER_KEY, LEAD_KEY));

    /** A partner's file, handed to the lead, then sent on by the lead in the joint submission. */
    private static List<SignedRecord> chain() {
        List<SignedRecord> chain = new ArrayList<>();
        add(chain, CONTRIBUTION, "f1", CustodyEvent.INTAKE, PARTNER, PARTNER_KEY, true);
        add(chain, CONTRIBUTION, "f1", CustodyEvent.SENT, PARTNER, PARTNER_KEY, false);
        add(chain, CONTRIBUTION, "f1", CustodyEvent.RECEIVED, LEAD, LEAD_KEY, false);
        add(chain, JOINT, "f2", CustodyEvent.SENT, LEAD, LEAD_KEY, false);
        return chain;
    }

    private static void add(
            List<SignedRecord> chain,
            SubmissionId where,
            String file,
            CustodyEvent event,
            OrgId org,
            Fingerprint key,
            boolean statement) {
        String prev = chain.isEmpty()
                ? SubmissionMessages.GENESIS
                : Sha256.hex(chain.get(chain.size() - 1).text());
        String text = SubmissionMessages.custodyRecord(
                chain.size() + 1,
                prev,
                where,
                file,
                SHA,
                42,
                event,
                org,
                key.hex(),
                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(chain.size()),
                statement
                        ? Optional.of(new SubmissionMessages.ItemDetails(
                                "t", "", "n", "m", new CustodyStatement("team", "2024", "here", ""), List.of()))
                        : Optional.empty());
        chain.add(new SignedRecord(text, GOOD, key.hex()));
    }

    private static CustodyChain.Expected sentByLead() {
        return new CustodyChain.Expected(JOINT.toString(), "f2", SHA, 42, CustodyEvent.SENT, LEAD_KEY, LEAD);
    }

    @Test
    void aChainFromIntakeThroughEveryHolderToTheSenderHolds() {
        assertTrue(CustodyChain.holds(chain(), sentByLead(), BOTH));
    }

    @Test
    void anEarlierHoldersKeyUnknownHereIsToleratedButTheSendersNever() {
        assertTrue(CustodyChain.holds(chain(), sentByLead(), knowing(Set.of(LEAD_KEY))));
        assertFalse(CustodyChain.holds(chain(), sentByLead(), knowing(Set.of(PARTNER_KEY))));
    }

    @Test
    void aBadSignatureByAKnownKeyBreaksIt() {
        List<SignedRecord> c = chain();
        SignedRecord first = c.get(0);
        c.set(0, new SignedRecord(first.text(), "forged".getBytes(StandardCharsets.UTF_8), first.signer()));
        assertFalse(CustodyChain.holds(c, sentByLead(), BOTH));
    }

    @Test
    void aRemovedReorderedOrAlteredRecordBreaksIt() {
        List<SignedRecord> removed = chain();
        removed.remove(1);
        assertFalse(CustodyChain.holds(removed, sentByLead(), BOTH));

        List<SignedRecord> reordered = chain();
        java.util.Collections.swap(reordered, 1, 2);
        assertFalse(CustodyChain.holds(reordered, sentByLead(), BOTH));

        List<SignedRecord> altered = chain();
        SignedRecord r = altered.get(1);
        altered.set(1, new SignedRecord(r.text().replace("\"size\":42", "\"size\":43"), GOOD, r.signer()));
        assertFalse(CustodyChain.holds(altered, sentByLead(), BOTH));

        assertFalse(CustodyChain.holds(List.of(), sentByLead(), BOTH));
        assertFalse(CustodyChain.holds(chain().subList(1, 4), sentByLead(), BOTH), "no intake record first");
    }

    @Test
    void theLastRecordMustNameThisSubmissionFileEventAndSender() {
        assertFalse(CustodyChain.holds(
                chain(),
                new CustodyChain.Expected(
                        SubmissionId.random().toString(), "f2", SHA, 42, CustodyEvent.SENT, LEAD_KEY, LEAD),
                BOTH));
        assertFalse(CustodyChain.holds(
                chain(),
                new CustodyChain.Expected(JOINT.toString(), "f1", SHA, 42, CustodyEvent.SENT, LEAD_KEY, LEAD),
                BOTH));
        assertFalse(CustodyChain.holds(
                chain(),
                new CustodyChain.Expected(JOINT.toString(), "f2", SHA, 42, CustodyEvent.RECEIVED, LEAD_KEY, LEAD),
                BOTH));
        assertFalse(CustodyChain.holds(
                chain(),
                new CustodyChain.Expected(JOINT.toString(), "f2", SHA, 42, CustodyEvent.SENT, PARTNER_KEY, PARTNER),
                BOTH));
        assertFalse(CustodyChain.holds(
                chain(),
                new CustodyChain.Expected(
                        JOINT.toString(), "f2", "ef".repeat(32), 42, CustodyEvent.SENT, LEAD_KEY, LEAD),
                BOTH));
    }
}
