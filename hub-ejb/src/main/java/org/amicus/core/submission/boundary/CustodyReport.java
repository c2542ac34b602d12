package org.amicus.core.submission.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The chain of custody of a submission's files as one node holds it, for a court: per file its SHA-256 and size and
 * the signed records in order, each the exact canonical text that was signed, its detached OpenPGP signature
 * (base64) and the signer's key fingerprint, and what this node found checking it ({@code verified},
 * {@code unknown-key}: signed by a key this node does not hold, {@code bad-signature}, {@code broken-chain}: not
 * linked to the record before or naming another file); and the armored public certificate of every signer this node
 * knows. Anyone holding those certificates checks every record again without Amicus (docs/submissions.md, "Checking
 * a custody report").
 */
public record CustodyReport(
        String submission,
        String submitter,
        String recipient,
        Instant exportedAt,
        List<FileChain> files,
        Map<String, String> certificates) {

    public record FileChain(String file, String sha256, long size, List<Entry> records) {}

    public record Entry(String record, String signature, String signer, String check) {}

    /** Whether every record of every file verified here. */
    public boolean intact() {
        return files.stream()
                .allMatch(f ->
                        !f.records().isEmpty() && f.records().stream().allMatch(e -> "verified".equals(e.check())));
    }
}
