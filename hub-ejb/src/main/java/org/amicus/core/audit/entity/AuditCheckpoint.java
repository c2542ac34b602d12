package org.amicus.core.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * The chain's head at one point, signed with the organisation key: whoever changes, removes or inserts an
 * entry at or before {@code seq} cannot make the chain match this signature again without that key.
 */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint {

    @Id
    @Column(name = "seq", nullable = false, updatable = false)
    private Long seq;

    @Column(name = "hash", length = 64, nullable = false, updatable = false)
    private String hash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "signer", length = 40, nullable = false, updatable = false)
    private String signer;

    @Column(name = "signature", nullable = false, updatable = false)
    private byte[] signature;

    protected AuditCheckpoint() {}

    public AuditCheckpoint(long seq, String hash, Instant createdAt, Fingerprint signer, byte[] signature) {
        this.seq = seq;
        this.hash = hash;
        this.createdAt = createdAt;
        this.signer = signer.hex();
        this.signature = signature.clone();
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Fingerprint signer() {
        return new Fingerprint(signer);
    }

    public byte[] signature() {
        return signature.clone();
    }
}
