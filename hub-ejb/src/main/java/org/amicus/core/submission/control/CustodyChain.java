package org.amicus.core.submission.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.platform.control.Sha256;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;

/**
 * The rules a file's chain of custody must keep (docs/submissions.md, federation.md §3.8): it starts with an intake
 * record, each record names the SHA-256 of the one before and the file's SHA-256 and size, every record by a key
 * this node knows verifies, and the last names this submission and file, this event, and is signed by the sender.
 * Earlier records may name the submission where the file was then (a partner's contribution, a re-share) and may be
 * signed by a key this node does not hold (reported as such in the custody report, never taken as verified).
 */
public final class CustodyChain {

    /** The most records a chain may have. */
    public static final int MAX_RECORDS = 100;

    private CustodyChain() {}

    /** Checks a detached signature: empty if this node does not know the signer's key. */
    @FunctionalInterface
    public interface Verifier {
        Optional<Boolean> verify(byte[] text, byte[] signature, Fingerprint signer);
    }

    /** What the last record must say: where the file is now, what happened, who signed. */
    public record Expected(
            String submission,
            String file,
            String sha256,
            long size,
            CustodyEvent last,
            Fingerprint signer,
            OrgId by) {}

    /** Whether {@code chain} is a custody chain ending as {@code expected} says. */
    public static boolean holds(List<SignedRecord> chain, Expected expected, Verifier verifier) {
        if (chain.isEmpty() || chain.size() > MAX_RECORDS) {
            return false;
        }
        String prev = SubmissionMessages.GENESIS;
        SubmissionMessages.RecordFacts f = null;
        for (int n = 0; n < chain.size(); n++) {
            SignedRecord r = chain.get(n);
            try {
                f = SubmissionMessages.readRecord(r.text());
            } catch (RuntimeException e) {
                return false;
            }
            boolean last = n == chain.size() - 1;
            boolean linked = f.seq() == n + 1
                    && f.prev().equals(prev)
                    && (!last
                            || (f.submission().equals(expected.submission())
                                    && f.file().equals(expected.file())))
                    && f.sha256().equals(expected.sha256())
                    && f.size() == expected.size()
                    && f.signer().equals(r.signer());
            if (!linked || (n == 0 && !CustodyEvent.INTAKE.wireName().equals(f.event()))) {
                return false;
            }
            Fingerprint by;
            try {
                by = Fingerprint.parse(r.signer());
            } catch (IllegalArgumentException e) {
                return false;
            }
            Optional<Boolean> verified = verifier.verify(r.text().getBytes(StandardCharsets.UTF_8), r.signature(), by);
            // the sender's own records must verify: it signed the envelope, so its key is known
            if ((verified.isEmpty() && by.equals(expected.signer()))
                    || verified.map(v -> !v).orElse(false)) {
                return false;
            }
            prev = Sha256.hex(r.text());
        }
        return f.event().equals(expected.last().wireName())
                && f.signer().equals(expected.signer().hex())
                && f.organisation().equals(expected.by().toString());
    }
}
