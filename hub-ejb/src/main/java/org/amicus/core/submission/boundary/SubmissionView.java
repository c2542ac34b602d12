package org.amicus.core.submission.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amicus.core.submission.control.SubmissionMessages;

/**
 * A submission as this organisation's caseworkers see it: who submitted it to whom, in reply to which request, its
 * state, its text and items with their files' SHA-256, sizes and states, and, once it came, the receipt.
 */
public record SubmissionView(
        String id,
        String direction,
        String submitter,
        String recipient,
        Optional<String> request,
        String state,
        String title,
        String description,
        Instant createdAt,
        Optional<Instant> sentAt,
        Optional<Instant> receivedAt,
        List<ItemView> items,
        Optional<ReceiptView> receipt,
        Optional<String> coalition,
        Optional<String> jointOf,
        List<FeedbackView> feedback,
        Optional<FinalReceiptView> finalReceipt) {

    /**
     * For a contribution to a joint submission: the receipt the joint submission's recipient signed, as the lead passed
     * it on, with what the recipient found for each file this organisation contributed (its own file names: f1, …).
     */
    public record FinalReceiptView(
            ReceiptView receipt, String recipient, Instant at, java.util.Map<String, String> files) {}

    /** One piece of feedback or discussion, in the order given. */
    public record FeedbackView(
            String id,
            String kind,
            String party,
            String author,
            Instant at,
            String text,
            Optional<String> relevance,
            List<String> gaps) {}

    /**
     * One item: its details (sources by pseudonymous reference), its file and where the file stands, with the parts
     * the file travels in (federation.md §3.8) and how many of them are done: queued for the recipient on the
     * submitting node, opened on the receiving node.
     */
    public record ItemView(
            String file,
            SubmissionMessages.ItemDetails details,
            String sha256,
            long size,
            String state,
            Optional<String> outcome,
            Optional<String> upload,
            Optional<String> contributor,
            boolean attributed,
            java.util.Map<String, List<String>> withdrawn,
            int parts,
            int partsDone) {}

    /**
     * The signed receipt: the exact canonical text, the detached OpenPGP signature (base64) and the signer's key
     * fingerprint, and whether this node verified the signature against that key.
     */
    public record ReceiptView(String text, String signature, String signer, boolean verified) {}
}
