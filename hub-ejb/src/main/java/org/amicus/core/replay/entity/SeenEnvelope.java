package org.amicus.core.replay.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An envelope id that opened successfully here, kept until the envelope's expiry. */
@Entity
@Table(name = "seen_envelope")
public class SeenEnvelope {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "opened_at", nullable = false, updatable = false)
    private Instant openedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected SeenEnvelope() {}

    public SeenEnvelope(UUID id, Instant openedAt, Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id").toString();
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
