package org.amicus.core.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.amicus.core.audit.entity.AuditRecord;
import org.amicus.core.identity.entity.Fingerprint;
import org.junit.jupiter.api.Test;

/** An export is checked from its lines alone; every kind of tampering shows. */
class AuditExportTest {

    private static final Fingerprint ORG = new Fingerprint("B".repeat(40));
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    /** Stands for the organisation's signature: two armor-like lines naming the SHA-256 of the exact line. */
    private static final Predicate<AuditExport.Checkpoint> BY_ORG =
            c -> c.signer().equals(ORG)
                    && c.armoredSignature()
                            .equals("signed:\n" + AuditChain.sha256(new String(c.line(), StandardCharsets.UTF_8)));

    /** An export of {@code n} entries with checkpoints at {@code at}, as the node writes it. */
    private static List<String> export(int n, long... at) {
        List<String> lines = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            String line = AuditChain.line(
                    i, prev, new AuditRecord(T0.plusSeconds(i), "operator", "message.sent", "m" + i, null, "ok", null));
            lines.add(line);
            prev = AuditChain.sha256(line);
            hashes.add(prev);
        }
        for (long seq : at) {
            String checkpoint = AuditChain.checkpointLine(seq, hashes.get((int) seq - 1), T0.plusSeconds(999), ORG);
            lines.add(checkpoint);
            lines.add("{\"signature\":\"signed:\\n" + AuditChain.sha256(checkpoint) + "\"}");
        }
        return lines;
    }

    private static AuditVerification verify(List<String> lines) {
        return AuditExport.verify(lines, BY_ORG);
    }

    @Test
    void anUntouchedExportIsIntact() {
        AuditVerification v = verify(export(5, 3, 5));
        assertTrue(v.intact(), v.problems().toString());
        assertEquals(5, v.entries());
        assertEquals(2, v.checkpoints());
        assertEquals(5, v.signedUpTo());
    }

    @Test
    void anEditedLineIsFound() {
        List<String> lines = new ArrayList<>(export(5, 5));
        lines.set(1, lines.get(1).replace("\"m2\"", "\"m9\""));
        AuditVerification v = verify(lines);
        assertFalse(v.intact());
        assertEquals(
                List.of("entry 3 does not follow the line before it (altered, inserted or removed)"), v.problems());
    }

    @Test
    void aRemovedLineAndARemovedTailAreFound() {
        List<String> lines = new ArrayList<>(export(5, 5));
        lines.remove(2);
        assertTrue(
                verify(lines).problems().contains("entries 3 are missing"),
                verify(lines).problems().toString());

        List<String> tail = new ArrayList<>(export(5, 5));
        tail.remove(4);
        assertEquals(
                List.of("entry 5, signed at checkpoint 5, is not in the export"),
                verify(tail).problems());
    }

    @Test
    void aForgedOrMissingSignatureOrAStrayLineIsFound() {
        List<String> forged = new ArrayList<>(export(3, 3));
        forged.set(4, "{\"signature\":\"someone else\"}");
        assertEquals(
                List.of("checkpoint 3 is not signed by the organisation whose certificate was given"),
                verify(forged).problems());

        List<String> unsigned = new ArrayList<>(export(3, 3));
        unsigned.remove(4);
        assertEquals(
                List.of("checkpoint 3 has no signature line after it"),
                verify(unsigned).problems());

        List<String> stray = new ArrayList<>(export(3, 3));
        stray.add(1, "{\"note\":\"added by hand\"}");
        assertTrue(verify(stray).problems().contains("line 2 is not a line of an Amicus audit export"));
    }

    @Test
    void entriesNoCheckpointCoversAreNotIntact() {
        assertEquals(
                List.of("no valid signed checkpoint: the export cannot be attributed to the organisation"),
                verify(export(3)).problems());
        assertEquals(
                List.of("entries 4–5 are after the last checkpoint: not signed"),
                verify(export(5, 3)).problems());
        assertTrue(verify(List.of()).intact(), "an empty log");
    }
}
