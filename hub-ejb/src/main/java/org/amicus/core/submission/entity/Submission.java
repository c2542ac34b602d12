package org.amicus.core.submission.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.membership.entity.OrgId;

/**
 * A submission as this node holds it: sent by this organisation ({@link Direction#OUT}) or received by it
 * ({@link Direction#IN}), from its submitter to one recipient organisation, in reply to a cooperation request or on
 * the submitter's own initiative. Title and description are sealed under the content key; the signed receipt is
 * kept as received (submitter) or as sent (recipient).
 */
@Entity
@Table(name = "submission")
public class Submission {

    /**
     * Whether this node sent the submission ({@code OUT}), received it ({@code IN}), or holds a copy of a joint draft
     * that another organisation of its coalition leads ({@code SHARED}: this organisation contributes to it).
     */
    public enum Direction {
        OUT,
        IN,
        SHARED
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "direction", length = 8, nullable = false, updatable = false)
    private String direction;

    @Column(name = "submitter", length = 36, nullable = false, updatable = false)
    private String submitter;

    @Column(name = "recipient", length = 36, nullable = false)
    private String recipient;

    @Column(name = "request_id", length = 36)
    private String requestId;

    @Column(name = "state", length = 16, nullable = false)
    private String state;

    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "marking", length = 4000, nullable = false)
    private String marking;

    @Column(name = "envelope_id", length = 36)
    private String envelopeId;

    @Column(name = "created_by", length = 80, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "receipt")
    private byte[] receipt;

    @Column(name = "receipt_signature")
    private byte[] receiptSignature;

    @Column(name = "receipt_signer", length = 40)
    private String receiptSigner;

    @Column(name = "final_receipt")
    private byte[] finalReceipt;

    @Column(name = "final_receipt_signature")
    private byte[] finalReceiptSignature;

    @Column(name = "final_receipt_signer", length = 40)
    private String finalReceiptSigner;

    @Column(name = "final_receipt_at")
    private Instant finalReceiptAt;

    @Column(name = "coalition_id", length = 36)
    private String coalitionId;

    @Column(name = "joint_of", length = 36)
    private String jointOf;

    @Column(name = "attributed", nullable = false)
    private boolean attributed = true;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Submission() {}

    /** This draft is joint: drafted in {@code coalition}, whose other members contribute to it. */
    public Submission joint(String coalition) {
        this.coalitionId = coalition;
        return this;
    }

    /** This submission is a coalition partner's contribution to joint submission {@code joint}. */
    public Submission contributionTo(SubmissionId joint, boolean attributed) {
        this.jointOf = joint.toString();
        this.attributed = attributed;
        return this;
    }

    /** A copy of a joint draft led by {@code lead}, held by a coalition partner that contributes to it. */
    public static Submission shared(
            SubmissionId id,
            OrgId lead,
            OrgId recipient,
            Optional<RequestId> request,
            byte[] sealedContent,
            String coalition,
            Instant now) {
        Submission s = new Submission();
        s.id = id.toString();
        s.direction = Direction.SHARED.name();
        s.submitter = lead.toString();
        s.recipient = recipient.toString();
        s.requestId = request.map(RequestId::toString).orElse(null);
        s.state = SubmissionState.DRAFT.name();
        s.content = sealedContent.clone();
        s.marking = "";
        s.coalitionId = coalition;
        s.createdAt = now;
        return s;
    }

    /** The lead shared a new text of its joint draft, or sent it ({@code sent}). */
    public void sharedAgain(byte[] sealedContent, boolean sent, Instant now) {
        content = sealedContent.clone();
        if (sent && state() == SubmissionState.DRAFT) {
            state = SubmissionState.SENT.name();
            sentAt = now;
        }
    }

    public Optional<String> coalition() {
        return Optional.ofNullable(coalitionId);
    }

    public Optional<SubmissionId> jointOf() {
        return Optional.ofNullable(jointOf).map(SubmissionId::parse);
    }

    /** For a contribution: whether its contributor is named to the joint submission's recipient. */
    public boolean attributed() {
        return attributed;
    }

    /** A new draft of this organisation's. */
    public static Submission draft(
            SubmissionId id,
            OrgId self,
            OrgId recipient,
            Optional<RequestId> request,
            byte[] sealedContent,
            String marking,
            String by,
            Instant now) {
        Submission s = new Submission();
        s.id = id.toString();
        s.direction = Direction.OUT.name();
        s.submitter = self.toString();
        s.recipient = recipient.toString();
        s.requestId = request.map(RequestId::toString).orElse(null);
        s.state = SubmissionState.DRAFT.name();
        s.content = sealedContent.clone();
        s.marking = marking;
        s.createdBy = by;
        s.createdAt = now;
        return s;
    }

    /** A submission that arrived in envelope {@code envelope}. */
    public static Submission received(
            SubmissionId id,
            OrgId submitter,
            OrgId self,
            Optional<RequestId> request,
            byte[] sealedContent,
            String marking,
            UUID envelope,
            Instant sentAt,
            Instant now) {
        Submission s = new Submission();
        s.id = id.toString();
        s.direction = Direction.IN.name();
        s.submitter = submitter.toString();
        s.recipient = self.toString();
        s.requestId = request.map(RequestId::toString).orElse(null);
        s.state = SubmissionState.ARRIVING.name();
        s.content = sealedContent.clone();
        s.marking = marking;
        s.envelopeId = envelope.toString();
        s.createdAt = now;
        s.sentAt = sentAt;
        return s;
    }

    public void redraft(byte[] sealedContent) {
        requireState(SubmissionState.DRAFT);
        content = sealedContent.clone();
    }

    /** Sealed and on its way: its files go to the broker one after the other. */
    public void sending(UUID envelope, Instant now) {
        requireState(SubmissionState.DRAFT);
        state = SubmissionState.SENDING.name();
        envelopeId = envelope.toString();
        sentAt = now;
    }

    /** Every file is held by the broker, or was held back as altered after intake (the recipient told so). */
    public void sent() {
        requireState(SubmissionState.SENDING);
        state = SubmissionState.SENT.name();
    }

    /** The receiving node verified every file ({@code complete}) or refused some; {@code receipt} says which. */
    public void receipt(byte[] canonical, byte[] signature, String signer, boolean complete, Instant at) {
        state = (complete ? SubmissionState.RECEIVED : SubmissionState.REFUSED).name();
        receipt = canonical.clone();
        receiptSignature = signature.clone();
        receiptSigner = signer;
        receivedAt = at;
    }

    /**
     * For a contribution to a joint submission: the receipt the joint submission's recipient signed, as the lead
     * passed it on; the first one kept stays.
     *
     * @return whether it was kept (false: a contribution had one already)
     */
    public boolean finalReceipt(byte[] canonical, byte[] signature, String signer, Instant at) {
        if (jointOf == null || direction() != Direction.OUT) {
            throw new IllegalStateException("only a contribution to a joint submission keeps its final receipt");
        }
        if (finalReceipt != null) {
            return false;
        }
        finalReceipt = canonical.clone();
        finalReceiptSignature = signature.clone();
        finalReceiptSigner = signer;
        finalReceiptAt = at;
        return true;
    }

    /** The final receipt of a contribution: text, signature, signer and when it came. */
    public record FinalReceipt(byte[] text, byte[] signature, String signer, Instant at) {}

    public Optional<FinalReceipt> finalReceipt() {
        return Optional.ofNullable(finalReceipt)
                .map(t ->
                        new FinalReceipt(t.clone(), finalReceiptSignature.clone(), finalReceiptSigner, finalReceiptAt));
    }

    public SubmissionId id() {
        return new SubmissionId(UUID.fromString(id));
    }

    public Direction direction() {
        return Direction.valueOf(direction);
    }

    public OrgId submitter() {
        return OrgId.parse(submitter);
    }

    public OrgId recipient() {
        return OrgId.parse(recipient);
    }

    public Optional<RequestId> request() {
        return Optional.ofNullable(requestId).map(RequestId::parse);
    }

    public SubmissionState state() {
        return SubmissionState.valueOf(state);
    }

    public byte[] sealedContent() {
        return content.clone();
    }

    public String marking() {
        return marking;
    }

    public Optional<UUID> envelope() {
        return Optional.ofNullable(envelopeId).map(UUID::fromString);
    }

    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    public Optional<Instant> receivedAt() {
        return Optional.ofNullable(receivedAt);
    }

    public Optional<byte[]> receiptText() {
        return Optional.ofNullable(receipt).map(byte[]::clone);
    }

    public Optional<byte[]> receiptSignature() {
        return Optional.ofNullable(receiptSignature).map(byte[]::clone);
    }

    public Optional<String> receiptSigner() {
        return Optional.ofNullable(receiptSigner);
    }

    private void requireState(SubmissionState expected) {
        if (state() != expected) {
            throw new IllegalStateException("the submission is " + state().wireName());
        }
    }
}
