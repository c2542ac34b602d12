package org.amicus.core.audit.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * Checks an audit log export (docs/audit.md) without the node: the lines as written, so nothing is
 * re-serialised. Each entry line names the SHA-256 of the line before it; each checkpoint line names the
 * SHA-256 of the entry line it closes and is followed by the organisation's armored signature over it.
 */
public final class AuditExport {

    private static final Pattern ENTRY =
            Pattern.compile("^\\{\"seq\":([0-9]{1,18}),\"prev\":\"([0-9a-f]{64})\",.*\\}$");
    private static final Pattern CHECKPOINT = Pattern.compile(
            "^\\{\"checkpoint\":([0-9]{1,18}),\"hash\":\"([0-9a-f]{64})\",\"at\":\"[^\"]+\",\"signer\":\"([0-9A-F]{40})\"\\}$");
    private static final String SIGNATURE_PREFIX = "{\"signature\":\"";

    private AuditExport() {}

    /** A checkpoint as the export gives it: the exact line signed, who it says signed, the armored signature. */
    public record Checkpoint(long seq, byte[] line, Fingerprint signer, String armoredSignature) {}

    /**
     * Verifies {@code lines}; {@code signedByTheOrganisation} checks a checkpoint's signature with the
     * organisation's certificate. An export with entries but no checkpoint cannot be attributed and is not intact.
     */
    public static AuditVerification verify(List<String> lines, Predicate<Checkpoint> signedByTheOrganisation) {
        List<String> problems = new ArrayList<>();
        Map<Long, String> hashes = new HashMap<>();
        String prev = AuditChain.GENESIS;
        long expected = 1;
        long entries = 0;
        int checkpoints = 0;
        long signedUpTo = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            Matcher e = ENTRY.matcher(line);
            Matcher c = CHECKPOINT.matcher(line);
            if (e.matches()) {
                long seq = Long.parseLong(e.group(1));
                if (seq != expected) {
                    add(
                            problems,
                            seq > expected
                                    ? "entries " + expected + (seq - 1 > expected ? "–" + (seq - 1) : "")
                                            + " are missing"
                                    : "entry " + seq + " appears again or out of order");
                    expected = seq;
                }
                if (!prev.equals(e.group(2))) {
                    add(
                            problems,
                            "entry " + seq + " does not follow the line before it (altered, inserted or removed)");
                }
                prev = AuditChain.sha256(line);
                hashes.put(seq, prev);
                expected++;
                entries++;
            } else if (c.matches()) {
                long seq = Long.parseLong(c.group(1));
                checkpoints++;
                String signature = i + 1 < lines.size() ? lines.get(i + 1) : "";
                if (!signature.startsWith(SIGNATURE_PREFIX) || !signature.endsWith("\"}")) {
                    add(problems, "checkpoint " + seq + " has no signature line after it");
                    continue;
                }
                i++;
                String armored = signature
                        .substring(SIGNATURE_PREFIX.length(), signature.length() - 2)
                        .replace("\\n", "\n");
                Checkpoint checkpoint = new Checkpoint(
                        seq, line.getBytes(StandardCharsets.UTF_8), new Fingerprint(c.group(3)), armored);
                if (!signedByTheOrganisation.test(checkpoint)) {
                    add(
                            problems,
                            "checkpoint " + seq + " is not signed by the organisation whose certificate was given");
                    continue;
                }
                String at = hashes.get(seq);
                if (at == null) {
                    add(problems, "entry " + seq + ", signed at checkpoint " + seq + ", is not in the export");
                } else if (!at.equals(c.group(2))) {
                    add(problems, "the entries up to " + seq + " are not what checkpoint " + seq + " signed");
                } else {
                    signedUpTo = Math.max(signedUpTo, seq);
                }
            } else {
                add(problems, "line " + (i + 1) + " is not a line of an Amicus audit export");
            }
        }
        if (entries > 0 && signedUpTo == 0 && problems.isEmpty()) {
            add(problems, "no valid signed checkpoint: the export cannot be attributed to the organisation");
        }
        if (signedUpTo < entries && problems.isEmpty()) {
            add(problems, "entries " + (signedUpTo + 1) + "–" + entries + " are after the last checkpoint: not signed");
        }
        return new AuditVerification(problems.isEmpty(), entries, checkpoints, signedUpTo, 0, problems);
    }

    private static void add(List<String> problems, String p) {
        if (problems.size() < 100 && !problems.contains(p)) {
            problems.add(p);
        }
    }
}
