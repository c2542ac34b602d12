package org.amicus.core.submission.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;

/**
 * One piece of feedback or discussion under a submission, the same on both nodes (same id): its kind, which side gave
 * it and when; its text, relevance and gaps sealed under the content key.
 */
@Entity
@Table(name = "submission_feedback")
public class SubmissionFeedback {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "submission_id", length = 36, nullable = false, updatable = false)
    private String submissionId;

    @Column(name = "kind", length = 20, nullable = false, updatable = false)
    private String kind;

    @Column(name = "party", length = 10, nullable = false, updatable = false)
    private String party;

    @Column(name = "author", length = 36, nullable = false, updatable = false)
    private String author;

    @Column(name = "given_at", nullable = false, updatable = false)
    private Instant givenAt;

    @Column(name = "content", nullable = false, updatable = false)
    private byte[] content;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected SubmissionFeedback() {}

    public SubmissionFeedback(
            UUID id,
            SubmissionId submission,
            FeedbackKind kind,
            boolean byRecipient,
            OrgId author,
            Instant givenAt,
            byte[] sealedContent,
            Instant now) {
        this.id = id.toString();
        this.submissionId = submission.toString();
        this.kind = kind.name();
        this.party = byRecipient ? "recipient" : "submitter";
        this.author = author.toString();
        this.givenAt = givenAt;
        this.content = sealedContent.clone();
        this.recordedAt = now;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public FeedbackKind kind() {
        return FeedbackKind.valueOf(kind);
    }

    /** {@code recipient} or {@code submitter}. */
    public String party() {
        return party;
    }

    public OrgId author() {
        return OrgId.parse(author);
    }

    public Instant givenAt() {
        return givenAt;
    }

    public byte[] sealedContent() {
        return content.clone();
    }
}
