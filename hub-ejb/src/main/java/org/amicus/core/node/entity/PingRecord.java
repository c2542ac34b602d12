package org.amicus.core.node.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ping through the node's own inbox: written with the message in one transaction, marked
 * delivered by the listener in another. It knows its own legal transition.
 */
@Entity
@Table(name = "ping_record")
public class PingRecord {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private PingStatus status;

    @Column(name = "deliveries", nullable = false)
    private int deliveries;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected PingRecord() {}

    public PingRecord(PingId id, Instant sentAt) {
        this.id = Objects.requireNonNull(id, "id").toString();
        this.sentAt = Objects.requireNonNull(sentAt, "sentAt");
        this.status = PingStatus.SENT;
    }

    public PingId id() {
        return PingId.parse(id);
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Optional<Instant> deliveredAt() {
        return Optional.ofNullable(deliveredAt);
    }

    public PingStatus status() {
        return status;
    }

    /** How many times the inbox listener has seen this ping (more than one means a redelivery). */
    public int deliveries() {
        return deliveries;
    }

    /**
     * Records a delivery. The first marks the ping delivered; a redelivery is counted but changes
     * nothing else, so processing stays idempotent.
     *
     * @return true when this was the first delivery
     */
    public boolean markDelivered(Instant at) {
        deliveries++;
        if (status == PingStatus.DELIVERED) {
            return false;
        }
        status = PingStatus.DELIVERED;
        deliveredAt = Objects.requireNonNull(at, "at");
        return true;
    }
}
