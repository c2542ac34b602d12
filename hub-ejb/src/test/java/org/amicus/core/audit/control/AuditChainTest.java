package org.amicus.core.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.amicus.core.audit.entity.AuditRecord;
import org.amicus.core.identity.entity.Fingerprint;
import org.junit.jupiter.api.Test;

/** Every kind of tampering with the audit log is found, and an untouched log is intact. */
class AuditChainTest {

    private static final Fingerprint SIGNER = new Fingerprint("A".repeat(40));
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123456Z");
    /** Stands for the organisation's signature: valid if it names the checkpoint's own line. */
    private static final Predicate<AuditChain.SignedCheckpoint> SIGNED_BY_US =
            c -> new String(c.signature()).equals(AuditChain.checkpointLine(c.seq(), c.hash(), c.at(), c.signer()));

    private static AuditRecord record(int i) {
        return new AuditRecord(T0.plusSeconds(i), "operator", "message.sent", "id-" + i, null, "ok", "to 1 node(s)");
    }

    private static List<AuditChain.ChainedEntry> chain(List<AuditRecord> records) {
        List<AuditChain.ChainedEntry> out = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        long seq = 0;
        for (AuditRecord r : records) {
            seq++;
            String h = AuditChain.hash(seq, prev, r);
            out.add(new AuditChain.ChainedEntry(seq, prev, h, r));
            prev = h;
        }
        return out;
    }

    private static List<AuditRecord> records(int n) {
        List<AuditRecord> rs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rs.add(record(i));
        }
        return rs;
    }

    private static AuditChain.SignedCheckpoint checkpoint(AuditChain.ChainedEntry at) {
        Instant when = T0.plusSeconds(3600);
        return new AuditChain.SignedCheckpoint(
                at.seq(),
                at.hash(),
                when,
                SIGNER,
                AuditChain.checkpointLine(at.seq(), at.hash(), when, SIGNER).getBytes());
    }

    private static AuditVerification verify(
            List<AuditChain.ChainedEntry> entries, List<AuditChain.SignedCheckpoint> checkpoints) {
        return AuditChain.verify(entries, checkpoints, SIGNED_BY_US, 0);
    }

    @Test
    void anUntouchedLogIsIntact() {
        var entries = chain(records(10));
        var v = verify(entries, List.of(checkpoint(entries.get(4)), checkpoint(entries.get(9))));
        assertTrue(v.intact(), v.problems().toString());
        assertEquals(10, v.entries());
        assertEquals(10, v.signedUpTo());
        assertTrue(verify(List.of(), List.of()).intact(), "an empty log");
    }

    @Test
    void anAlteredEntryIsFound() {
        var entries = new ArrayList<>(chain(records(10)));
        var e = entries.get(3);
        AuditRecord r = e.record();
        entries.set(
                3,
                new AuditChain.ChainedEntry(
                        e.seq(),
                        e.prevHash(),
                        e.hash(),
                        new AuditRecord(r.at(), r.actor(), r.action(), r.subject(), r.marking(), r.outcome(), "x")));
        var v = verify(entries, List.of());
        assertFalse(v.intact());
        assertEquals(List.of("entry 4 was altered (its content no longer matches its hash)"), v.problems());
    }

    @Test
    void anAlteredEntryWhoseHashesWereAllRecomputedIsCaughtByTheSignedCheckpoint() {
        var original = chain(records(10));
        var checkpoint = checkpoint(original.get(9));
        List<AuditRecord> changed = records(10);
        AuditRecord r = changed.get(2);
        changed.set(2, new AuditRecord(r.at(), "someone else", r.action(), r.subject(), null, r.outcome(), null));
        var v = verify(chain(changed), List.of(checkpoint)); // a consistent chain, but not the one signed
        assertFalse(v.intact());
        assertEquals(List.of("the log up to entry 10 is not what checkpoint 10 signed"), v.problems());
    }

    @Test
    void aRemovedEntryIsFound() {
        var entries = new ArrayList<>(chain(records(10)));
        entries.remove(5);
        var v = verify(entries, List.of());
        assertFalse(v.intact());
        assertTrue(v.problems().contains("entries 6 are missing"), v.problems().toString());
        assertTrue(
                v.problems().stream().anyMatch(p -> p.startsWith("entry 7 does not follow")),
                v.problems().toString());
    }

    @Test
    void removedEntriesAtTheEndAreFoundUpToTheLastCheckpoint() {
        var entries = chain(records(10));
        var v = verify(entries.subList(0, 7), List.of(checkpoint(entries.get(8))));
        assertFalse(v.intact());
        assertEquals(
                List.of("entries up to 9 were signed at checkpoint 9 but the log ends at 7: entries were removed"),
                v.problems());
    }

    @Test
    void anInsertedEntryIsFound() {
        var entries = chain(records(6));
        List<AuditRecord> withExtra = records(6);
        withExtra.add(3, new AuditRecord(T0, "operator", "content.displayed", "inserted", null, "ok", null));
        var v = verify(chain(withExtra), List.of(checkpoint(entries.get(5))));
        assertFalse(v.intact());
        assertTrue(
                v.problems().contains("the log up to entry 6 is not what checkpoint 6 signed"),
                v.problems().toString());

        // inserted without recomputing the chain: the links break at once
        var spliced = new ArrayList<>(entries);
        spliced.add(3, new AuditChain.ChainedEntry(4, entries.get(2).hash(), "f".repeat(64), record(99)));
        assertFalse(verify(spliced, List.of()).intact());
    }

    @Test
    void reorderedEntriesAreFound() {
        var entries = new ArrayList<>(chain(records(6)));
        var two = entries.get(1);
        entries.set(1, entries.get(2));
        entries.set(2, two);
        var v = verify(entries, List.of());
        assertFalse(v.intact());
        assertTrue(
                v.problems().stream().anyMatch(p -> p.contains("out of order")),
                v.problems().toString());
    }

    @Test
    void aCheckpointNotSignedByThisOrganisationIsFound() {
        var entries = chain(records(3));
        var c = checkpoint(entries.get(2));
        var forged = new AuditChain.SignedCheckpoint(c.seq(), c.hash(), c.at(), c.signer(), new byte[] {1});
        var v = verify(entries, List.of(forged));
        assertEquals(List.of("checkpoint 3 is not signed by this organisation"), v.problems());
    }

    @Test
    void theCanonicalLineEscapesWhatWouldBreakIt() {
        var r = new AuditRecord(T0, "peer:x", "envelope.refused", null, null, "refused", "a \"quote\"\n\\ and \u0001");
        String line = AuditChain.line(1, AuditChain.GENESIS, r);
        assertEquals(
                "{\"seq\":1,\"prev\":\"" + AuditChain.GENESIS + "\",\"at\":\"2026-11-24T10:00:00.123456Z\","
                        + "\"actor\":\"peer:x\",\"action\":\"envelope.refused\",\"subject\":null,\"marking\":null,"
                        + "\"outcome\":\"refused\",\"detail\":\"a \\\"quote\\\"\\n\\\\ and \\u0001\"}",
                line);
        assertEquals(64, AuditChain.sha256(line).length());
    }
}
