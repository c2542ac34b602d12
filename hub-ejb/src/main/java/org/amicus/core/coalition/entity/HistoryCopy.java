package org.amicus.core.coalition.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message this organisation sent to a coalition that shows its history to new members, kept sealed (the
 * node's content vault) so that it can be sent to each organisation that joins later. Never in clear.
 */
@Entity
@Table(name = "coalition_history")
public class HistoryCopy {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "coalition_id", length = 36, nullable = false, updatable = false)
    private String coalitionId;

    @Column(name = "message_id", length = 36, nullable = false, updatable = false)
    private String messageId;

    @Column(name = "sealed", nullable = false, updatable = false)
    private byte[] sealed;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    protected HistoryCopy() {}

    public HistoryCopy(CoalitionId coalition, UUID message, byte[] sealed, Instant sentAt) {
        this.id = UUID.randomUUID().toString();
        this.coalitionId = coalition.toString();
        this.messageId = message.toString();
        this.sealed = Objects.requireNonNull(sealed, "sealed").clone();
        this.sentAt = sentAt;
    }

    public UUID message() {
        return UUID.fromString(messageId);
    }

    public byte[] sealed() {
        return sealed.clone();
    }

    public Instant sentAt() {
        return sentAt;
    }
}
