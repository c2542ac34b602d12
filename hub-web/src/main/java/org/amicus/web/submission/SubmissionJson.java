package org.amicus.web.submission;

import java.util.List;
import org.amicus.core.submission.boundary.SubmissionView;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.Source;

/** A submission as the API shows it (times in UTC, ISO 8601; absent fields are not yet known). */
public record SubmissionJson(
        String id,
        String direction,
        String submitter,
        String recipient,
        String request,
        String state,
        String title,
        String description,
        String createdAt,
        String sentAt,
        String receivedAt,
        List<Item> items,
        Receipt receipt,
        String coalition,
        String joint,
        List<Feedback> feedback,
        FinalReceipt finalReceipt) {

    /**
     * For a contribution to a joint submission: the receipt its recipient signed, passed on by the lead, verified by
     * this node against the signer's key; {@code files} maps each contributed file (f1, …) to what the recipient found.
     */
    public record FinalReceipt(
            String text,
            String signature,
            String signer,
            boolean verified,
            String recipient,
            String at,
            java.util.Map<String, String> files) {}

    /** One piece of feedback or discussion. */
    public record Feedback(
            String id,
            String kind,
            String party,
            String author,
            String at,
            String text,
            String relevance,
            List<String> gaps) {}

    /** One item and its file. */
    public record Item(
            String file,
            String title,
            String description,
            String originalName,
            String mediaType,
            Custody custody,
            List<SourceJson> sources,
            String sha256,
            long size,
            String state,
            String outcome,
            String upload,
            String contributor,
            boolean attributed,
            int parts,
            int partsDone) {}

    /** The custody statement as the submitter gave it. */
    public record Custody(String collectedBy, String collectedAt, String collectedWhere, String notes) {}

    /** A source by pseudonymous reference, with the uses consented to. */
    public record SourceJson(
            String ref, String role, List<String> consent, List<String> withdrawn, Integer earlierStatements) {}

    /** The signed receipt: exact text, detached signature (base64), signer, verified by this node. */
    public record Receipt(String text, String signature, String signer, boolean verified) {}

    public static SubmissionJson of(SubmissionView v) {
        return new SubmissionJson(
                v.id(),
                v.direction(),
                v.submitter(),
                v.recipient(),
                v.request().orElse(null),
                v.state(),
                v.title(),
                v.description(),
                v.createdAt().toString(),
                v.sentAt().map(Object::toString).orElse(null),
                v.receivedAt().map(Object::toString).orElse(null),
                v.items().stream().map(SubmissionJson::item).toList(),
                v.receipt()
                        .map(r -> new Receipt(r.text(), r.signature(), r.signer(), r.verified()))
                        .orElse(null),
                v.coalition().orElse(null),
                v.jointOf().orElse(null),
                v.feedback().stream()
                        .map(f -> new Feedback(
                                f.id(),
                                f.kind(),
                                f.party(),
                                f.author(),
                                f.at().toString(),
                                f.text(),
                                f.relevance().orElse(null),
                                f.gaps()))
                        .toList(),
                v.finalReceipt()
                        .map(f -> new FinalReceipt(
                                f.receipt().text(),
                                f.receipt().signature(),
                                f.receipt().signer(),
                                f.receipt().verified(),
                                f.recipient(),
                                f.at().toString(),
                                f.files()))
                        .orElse(null));
    }

    private static Item item(SubmissionView.ItemView i) {
        SubmissionMessages.ItemDetails d = i.details();
        return new Item(
                i.file(),
                d.title(),
                d.description(),
                d.originalName(),
                d.mediaType(),
                new Custody(
                        d.custody().collectedBy(),
                        d.custody().collectedAt(),
                        d.custody().collectedWhere(),
                        d.custody().notes()),
                d.sources().stream()
                        .map(s -> source(s, i.withdrawn().getOrDefault(s.ref(), List.of())))
                        .toList(),
                i.sha256(),
                i.size(),
                i.state(),
                i.outcome().orElse(null),
                i.upload().orElse(null),
                i.contributor().orElse(null),
                i.attributed(),
                i.parts(),
                i.partsDone());
    }

    private static SourceJson source(Source s, List<String> withdrawn) {
        return new SourceJson(
                s.ref(),
                s.role(),
                s.consent().stream().sorted().map(ConsentUse::wireName).toList(),
                withdrawn,
                s.earlierStatements().isPresent() ? s.earlierStatements().getAsInt() : null);
    }
}
