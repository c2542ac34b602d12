package org.amicus.core.submission.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.submission.control.StoredFile;

/**
 * One file taken in by this node, in chunks: its announced size, how much of it has arrived, its key and
 * metadata (original name, media type) sealed under the content key, and, once complete, its SHA-256 at intake.
 * The rules of the upload are here: chunks in order, nothing past the announced size, a hash that must match.
 */
@Entity
@Table(name = "evidence_upload")
public class Upload {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "metadata", nullable = false, updatable = false)
    private byte[] metadata;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long size;

    @Column(name = "received", nullable = false)
    private long received;

    @Column(name = "stored_length", nullable = false)
    private long storedLength;

    @Column(name = "segments", nullable = false)
    private long segments;

    @Column(name = "file_key", nullable = false, updatable = false)
    private byte[] fileKey;

    @Column(name = "expected_sha256", length = 64, updatable = false)
    private String expectedSha256;

    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "state", length = 16, nullable = false)
    private String state;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "created_by", length = 80, updatable = false)
    private String createdBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Upload() {}

    public Upload(
            UUID id,
            byte[] sealedMetadata,
            long size,
            byte[] sealedKey,
            Optional<String> expectedSha256,
            String by,
            Instant now) {
        if (size <= 0) {
            throw new IllegalArgumentException("a file has at least one byte");
        }
        this.id = id.toString();
        this.metadata = sealedMetadata.clone();
        this.size = size;
        this.fileKey = sealedKey.clone();
        this.expectedSha256 = expectedSha256.orElse(null);
        this.state = UploadState.RECEIVING.name();
        this.createdAt = now;
        this.updatedAt = now;
        this.createdBy = by;
    }

    /** The file as committed so far. */
    public StoredFile file() {
        return new StoredFile(UUID.fromString(id), fileKey, storedLength, segments, received);
    }

    /** How many bytes the next chunk may hold at most, given {@code chunkLimit}. */
    public long room(long chunkLimit) {
        return Math.min(chunkLimit, size - received);
    }

    /** A chunk committed: {@code file} is the file as it is now. */
    public void appended(StoredFile file, Instant now) {
        requireReceiving();
        if (file.plainLength() > size) {
            throw new IllegalStateException("more bytes than announced");
        }
        received = file.plainLength();
        storedLength = file.storedLength();
        segments = file.segments();
        updatedAt = now;
    }

    /** Whether every announced byte arrived. */
    public boolean whole() {
        return received == size;
    }

    /**
     * Completes the upload with the SHA-256 computed as it arrived; returns false, and refuses the upload, if
     * an expected hash was announced and this is not it.
     */
    public boolean complete(String computedSha256, Instant now) {
        requireReceiving();
        if (!whole()) {
            throw new IllegalStateException("incomplete");
        }
        updatedAt = now;
        if (expectedSha256 != null && !expectedSha256.equals(computedSha256)) {
            state = UploadState.REFUSED.name();
            sha256 = computedSha256;
            return false;
        }
        sha256 = computedSha256;
        completedAt = now;
        state = UploadState.COMPLETE.name();
        return true;
    }

    /** Discarded: given up ({@link UploadState#ABANDONED}) or expired. */
    public void discard(UploadState why, Instant now) {
        requireReceiving();
        state = why.name();
        updatedAt = now;
    }

    /** Idle for longer than {@code resumable}: it can no longer be resumed. */
    public boolean idleLongerThan(Duration resumable, Instant now) {
        return state() == UploadState.RECEIVING && updatedAt.plus(resumable).isBefore(now);
    }

    private void requireReceiving() {
        if (state() != UploadState.RECEIVING) {
            throw new IllegalStateException("the upload is " + state().wireName());
        }
    }

    public UploadId id() {
        return new UploadId(UUID.fromString(id));
    }

    public byte[] sealedMetadata() {
        return metadata.clone();
    }

    public long size() {
        return size;
    }

    public long received() {
        return received;
    }

    public UploadState state() {
        return UploadState.valueOf(state);
    }

    public Optional<String> expectedSha256() {
        return Optional.ofNullable(expectedSha256);
    }

    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }
}
