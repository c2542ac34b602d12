package org.amicus.core.submission.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.submission.control.StoredFile;

/**
 * One item of a submission: its details (title, description, custody statement, sources with their consent, the
 * file's original name and media type; sealed under the content key) and its file, by SHA-256 and size at intake
 * and where this node keeps it (the evidence store's file, its key sealed). On the submitting node the file is the
 * upload's; on the receiving node it is the copy opened and verified on arrival.
 */
@Entity
@Table(name = "submission_item")
public class SubmissionItem {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "submission_id", length = 36, nullable = false, updatable = false)
    private String submissionId;

    @Column(name = "position", nullable = false, updatable = false)
    private int position;

    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "upload_id", length = 36)
    private String uploadId;

    @Column(name = "file_id", length = 36)
    private String fileId;

    @Column(name = "file_key")
    private byte[] fileKey;

    @Column(name = "stored_length")
    private Long storedLength;

    @Column(name = "segments")
    private Long segments;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long size;

    @Column(name = "sha256", length = 64, nullable = false, updatable = false)
    private String sha256;

    @Column(name = "state", length = 16, nullable = false)
    private String state;

    @Column(name = "outcome", length = 40)
    private String outcome;

    @Column(name = "parts_done", nullable = false)
    private int partsDone;

    @Column(name = "shipped_at")
    private Instant shippedAt;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "contributor", length = 36)
    private String contributor;

    @Column(name = "attributed", nullable = false)
    private boolean attributed = true;

    @Column(name = "origin_item", length = 36)
    private String originItem;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SubmissionItem() {}

    /**
     * An item whose file this node already keeps as item {@code origin} of another submission (a coalition partner's
     * contribution, or a received submission passed on): its custody chain continues that item's.
     */
    public static SubmissionItem continuing(
            SubmissionId submission,
            int position,
            byte[] sealedContent,
            SubmissionItem origin,
            java.util.Optional<org.amicus.core.membership.entity.OrgId> contributor,
            boolean attributed) {
        SubmissionItem i = new SubmissionItem();
        i.id = UUID.randomUUID().toString();
        i.submissionId = submission.toString();
        i.position = position;
        i.content = sealedContent.clone();
        i.keep(origin.file().orElseThrow(() -> new IllegalStateException("this node keeps no copy of the file")));
        i.size = origin.size;
        i.sha256 = origin.sha256;
        i.state = ItemState.READY.name();
        i.originItem = origin.id;
        i.contributor = contributor.map(Object::toString).orElse(null);
        i.attributed = attributed;
        return i;
    }

    /** The item this one continues the custody chain of. */
    public Optional<UUID> origin() {
        return Optional.ofNullable(originItem).map(UUID::fromString);
    }

    /** The coalition partner that contributed this item, if a partner did. */
    public Optional<org.amicus.core.membership.entity.OrgId> contributor() {
        return Optional.ofNullable(contributor).map(org.amicus.core.membership.entity.OrgId::parse);
    }

    /** Whether a contributor is named to the recipient. */
    public boolean attributed() {
        return attributed;
    }

    /** A file received under an announced contributor: the contributor, as the sender named it. */
    public SubmissionItem contributedBy(org.amicus.core.membership.entity.OrgId org) {
        this.contributor = org.toString();
        return this;
    }

    /** An item of a draft, holding the complete upload {@code upload} whose file is {@code file}. */
    public static SubmissionItem ofUpload(
            SubmissionId submission, int position, byte[] sealedContent, UUID upload, StoredFile file, String sha256) {
        SubmissionItem i = new SubmissionItem();
        i.id = UUID.randomUUID().toString();
        i.submissionId = submission.toString();
        i.position = position;
        i.content = sealedContent.clone();
        i.uploadId = upload.toString();
        i.keep(file);
        i.size = file.plainLength();
        i.sha256 = sha256;
        i.state = ItemState.READY.name();
        return i;
    }

    /** An item of a submission that arrived; its file is still to come. */
    public static SubmissionItem expected(
            SubmissionId submission, int position, byte[] sealedContent, long size, String sha256) {
        SubmissionItem i = new SubmissionItem();
        i.id = UUID.randomUUID().toString();
        i.submissionId = submission.toString();
        i.position = position;
        i.content = sealedContent.clone();
        i.size = size;
        i.sha256 = sha256;
        i.state = ItemState.PENDING.name();
        return i;
    }

    /**
     * Parts of the file done: on the submitting node, queued for the recipient; on the receiving node, opened into
     * the evidence store (federation.md §3.8).
     */
    public int partsDone() {
        return partsDone;
    }

    /** Part {@code part} of the file is queued; the broker holds the file once its last part is. */
    public void partShipped(int part, boolean last, Instant now) {
        if (state() != ItemState.READY || part != partsDone) {
            throw new IllegalStateException("part " + part + " of a file that is " + state().wireName() + " with "
                    + partsDone + " part(s) queued");
        }
        partsDone++;
        if (last) {
            state = ItemState.SHIPPED.name();
            shippedAt = now;
        }
    }

    /** Part {@code part} of the file arrived and is in {@code file}, which the last part will complete. */
    public void partOpened(int part, StoredFile file) {
        requirePending();
        if (part != partsDone) {
            throw new IllegalStateException("part " + part + " opened with " + partsDone + " part(s) opened");
        }
        keep(file);
        partsDone++;
    }

    /**
     * The file being received, with the parts opened so far ({@code plainLength} bytes of plaintext), if any part is;
     * on the receiving node only, while the item is pending.
     */
    public Optional<StoredFile> partial(long plainLength) {
        if (fileId == null || state() != ItemState.PENDING) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(UUID.fromString(fileId), fileKey, storedLength, segments, plainLength));
    }

    /**
     * The file kept for the item no longer has its SHA-256 at intake (altered on this node's disk): it is not sent,
     * and never tried again; {@code outcome} says so.
     */
    public void altered(Instant now) {
        if (state() != ItemState.READY) {
            throw new IllegalStateException("the item's file is " + state().wireName());
        }
        state = ItemState.ALTERED.name();
        outcome = "altered-after-intake";
        verifiedAt = now;
    }

    /** The file arrived and opened exactly as the manifest names it; {@code file} is this node's copy. */
    public void verified(StoredFile file, Instant now) {
        requirePending();
        keep(file);
        state = ItemState.VERIFIED.name();
        outcome = "verified";
        verifiedAt = now;
    }

    /**
     * The file arrived but could not be opened as named, or will not come: {@code why} is the kind of refusal. What
     * was received of it is no longer this item's.
     *
     * @return the file holding the parts received so far, for the caller to remove
     */
    public Optional<UUID> refused(String why, Instant now) {
        requirePending();
        Optional<UUID> partial = Optional.ofNullable(fileId).map(UUID::fromString);
        fileId = null;
        fileKey = null;
        storedLength = null;
        segments = null;
        state = ItemState.REFUSED.name();
        outcome = why;
        verifiedAt = now;
        return partial;
    }

    private void requirePending() {
        if (state() != ItemState.PENDING) {
            throw new IllegalStateException("the item's file is " + state().wireName());
        }
    }

    private void keep(StoredFile file) {
        fileId = file.id().toString();
        fileKey = file.sealedKey();
        storedLength = file.storedLength();
        segments = file.segments();
    }

    /** The file as this node keeps it, if it has it. */
    public Optional<StoredFile> file() {
        if (fileId == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(UUID.fromString(fileId), fileKey, storedLength, segments, size));
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public SubmissionId submission() {
        return SubmissionId.parse(submissionId);
    }

    public int position() {
        return position;
    }

    /** The file's id in the envelope's manifest: {@code f1}, {@code f2}, … */
    public String fileRef() {
        return "f" + position;
    }

    public byte[] sealedContent() {
        return content.clone();
    }

    public Optional<UUID> upload() {
        return Optional.ofNullable(uploadId).map(UUID::fromString);
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public ItemState state() {
        return ItemState.valueOf(state);
    }

    public Optional<String> outcome() {
        return Optional.ofNullable(outcome);
    }

    public Optional<Instant> shippedAt() {
        return Optional.ofNullable(shippedAt);
    }

    public Optional<Instant> verifiedAt() {
        return Optional.ofNullable(verifiedAt);
    }
}
