package org.amicus.core.coalition.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A coalition this node takes part in: its purpose and the head of its roster chain (the events themselves
 * are {@link StoredRosterEvent}s). The head is moved only together with the events that lead to it.
 */
@Entity
@Table(name = "coalition")
public class Coalition {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "purpose", nullable = false)
    private String purpose;

    @Column(name = "head_seq", nullable = false)
    private long headSeq;

    @Column(name = "head_hash", length = 64, nullable = false)
    private String headHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version")
    private long version;

    protected Coalition() {}

    public Coalition(CoalitionId id, String purpose, Instant now) {
        this.id = Objects.requireNonNull(id, "id").toString();
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.headSeq = 0;
        this.headHash = RosterEvent.GENESIS;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public CoalitionId id() {
        return CoalitionId.parse(id);
    }

    public String purpose() {
        return purpose;
    }

    public long headSeq() {
        return headSeq;
    }

    public String headHash() {
        return headHash;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The roster moved on to event {@code seq} with hash {@code hash}. */
    public void advance(long seq, String hash, String purpose, Instant now) {
        if (seq <= headSeq) {
            throw new IllegalStateException("a roster head only moves forward");
        }
        this.headSeq = seq;
        this.headHash = hash;
        this.purpose = purpose;
        this.updatedAt = now;
    }
}
