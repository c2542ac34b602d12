package org.amicus.core.audit.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.amicus.core.audit.entity.AuditRecord;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * The audit log's hash chain (docs/audit.md): each entry's canonical line names the hash of the one before,
 * and its own hash is the SHA-256 of that line; a checkpoint signs the line {@code {"seq":…,"hash":…,…}} of the
 * head. Pure functions, so that the node, the export and an outside verifier compute the same bytes.
 */
public final class AuditChain {

    /** The {@code prev} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** An entry as linked into the chain. */
    public record ChainedEntry(long seq, String prevHash, String hash, AuditRecord record) {}

    /** A checkpoint as stored. */
    public record SignedCheckpoint(long seq, String hash, Instant at, Fingerprint signer, byte[] signature) {}

    /** The canonical line of an entry: what is hashed, and what the export writes. */
    public static String line(long seq, String prevHash, AuditRecord r) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"seq\":").append(seq);
        field(sb, "prev", prevHash);
        field(sb, "at", r.at().toString());
        field(sb, "actor", r.actor());
        field(sb, "action", r.action());
        field(sb, "subject", r.subject());
        field(sb, "marking", r.marking());
        field(sb, "outcome", r.outcome());
        field(sb, "detail", r.detail());
        return sb.append('}').toString();
    }

    /** The canonical line a checkpoint signs. */
    public static String checkpointLine(long seq, String hash, Instant at, Fingerprint signer) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"checkpoint\":").append(seq);
        field(sb, "hash", hash);
        field(sb, "at", at.toString());
        field(sb, "signer", signer.hex());
        return sb.append('}').toString();
    }

    public static String sha256(String line) {
        return org.amicus.core.platform.control.Sha256.hex(line);
    }

    /** Links {@code record} after {@code prevHash} at {@code seq}: its hash. */
    public static String hash(long seq, String prevHash, AuditRecord record) {
        return sha256(line(seq, prevHash, record));
    }

    /**
     * Checks the whole chain ({@code entries} in sequence order) and its checkpoints: every entry present from 1
     * on (a removal leaves a gap or a shorter log than a checkpoint says), each linked to the one before (an
     * insertion or a re-ordering breaks a link), each hashing to what the next one names and what the checkpoints
     * signed (an alteration changes a hash), and each checkpoint signed by this organisation.
     */
    public static AuditVerification verify(
            List<ChainedEntry> entries,
            List<SignedCheckpoint> checkpoints,
            Predicate<SignedCheckpoint> signatureValid,
            long pending) {
        Verifier v = new Verifier(checkpoints);
        entries.forEach(v::accept);
        return v.finish(signatureValid, pending);
    }

    /** The same check one entry at a time, for a log too long to hold in memory. */
    public static final class Verifier {
        private final Map<Long, String> signedHashes = new java.util.HashMap<>();
        private final List<SignedCheckpoint> checkpoints;
        private final Map<Long, String> seenAtCheckpoints = new java.util.HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private String prev = GENESIS;
        private long expected = 1;
        private long count;

        public Verifier(List<SignedCheckpoint> checkpoints) {
            this.checkpoints = List.copyOf(checkpoints);
            checkpoints.forEach(c -> signedHashes.put(c.seq(), c.hash()));
        }

        public void accept(ChainedEntry e) {
            count++;
            if (e.seq() != expected) {
                problem(
                        e.seq() > expected
                                ? "entries " + expected + (e.seq() - 1 > expected ? "–" + (e.seq() - 1) : "")
                                        + " are missing"
                                : "entry " + e.seq() + " appears again or out of order");
                expected = e.seq();
            }
            if (!prev.equals(e.prevHash())) {
                problem("entry " + e.seq() + " does not follow the entry before it (inserted, removed before it,"
                        + " or re-ordered)");
            }
            if (!hash(e.seq(), e.prevHash(), e.record()).equals(e.hash())) {
                problem("entry " + e.seq() + " was altered (its content no longer matches its hash)");
            }
            if (signedHashes.containsKey(e.seq())) {
                seenAtCheckpoints.put(e.seq(), e.hash());
            }
            prev = e.hash();
            expected++;
        }

        public AuditVerification finish(Predicate<SignedCheckpoint> signatureValid, long pending) {
            long last = expected - 1;
            for (SignedCheckpoint c : checkpoints) {
                if (!signatureValid.test(c)) {
                    problem("checkpoint " + c.seq() + " is not signed by this organisation");
                }
                String at = seenAtCheckpoints.get(c.seq());
                if (at == null) {
                    problem(
                            c.seq() > last
                                    ? "entries up to " + c.seq() + " were signed at checkpoint " + c.seq()
                                            + " but the log ends at " + last + ": entries were removed"
                                    : "entry " + c.seq() + ", signed at a checkpoint, is missing");
                } else if (!at.equals(c.hash())) {
                    problem("the log up to entry " + c.seq() + " is not what checkpoint " + c.seq() + " signed");
                }
            }
            long signedUpTo =
                    checkpoints.stream().mapToLong(SignedCheckpoint::seq).max().orElse(0);
            return new AuditVerification(problems.isEmpty(), count, checkpoints.size(), signedUpTo, pending, problems);
        }

        private void problem(String p) {
            if (problems.size() < 100 && !problems.contains(p)) {
                problems.add(p);
            }
        }
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":");
        if (value == null) {
            sb.append("null");
            return;
        }
        org.amicus.core.platform.control.CanonicalJson.appendString(sb, value);
    }
}
