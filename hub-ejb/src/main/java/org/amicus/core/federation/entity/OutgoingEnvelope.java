package org.amicus.core.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;

/** One envelope this node sent, for one recipient node: where it is and what became of it. */
@Entity
@Table(name = "outgoing_envelope")
public class OutgoingEnvelope {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "envelope_id", length = 36, nullable = false, updatable = false)
    private String envelopeId;

    @Column(name = "to_node", length = 36, nullable = false, updatable = false)
    private String toNode;

    @Column(name = "next_hop", length = 36, nullable = false)
    private String nextHop;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "priority", nullable = false, updatable = false)
    private String priority;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int size;

    @Column(name = "sha256", length = 64, nullable = false, updatable = false)
    private String sha256;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private DeliveryState state;

    @Column(name = "state_at", nullable = false)
    private Instant stateAt;

    @Column(name = "detail", length = 500)
    private String detail;

    /** The sealed bytes, kept until the envelope's fate is known, to send it again (never content in clear). */
    @Column(name = "wire")
    private byte[] wire;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "resends", nullable = false)
    private int resends;

    @Version
    @Column(name = "version")
    private long version;

    protected OutgoingEnvelope() {}

    public OutgoingEnvelope(
            UUID envelopeId,
            NodeId toNode,
            NodeId nextHop,
            Instant createdAt,
            Instant expiresAt,
            String priority,
            int size,
            String sha256,
            byte[] wire) {
        this.id = UUID.randomUUID().toString();
        this.envelopeId = envelopeId.toString();
        this.toNode = toNode.toString();
        this.nextHop = nextHop.toString();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.priority = priority;
        this.size = size;
        this.sha256 = sha256;
        this.state = DeliveryState.QUEUED;
        this.stateAt = createdAt;
        this.wire = wire;
        this.sentAt = createdAt;
    }

    /**
     * Whether it should go again now: still queued and unexpired, and no receipt within {@code after} of its
     * last sending, doubled for each sending again (at most 64 times {@code after}).
     */
    public boolean resendDue(Instant now, java.time.Duration after) {
        if (state != DeliveryState.QUEUED || wire == null || !now.isBefore(expiresAt)) {
            return false;
        }
        Instant last = sentAt == null ? createdAt : sentAt;
        return !now.isBefore(last.plus(after.multipliedBy(1L << Math.min(resends, 6))));
    }

    /** It is being sent again now: returns the attempt's number (1 for the first resend). */
    public int resent(Instant now) {
        resends++;
        sentAt = now;
        return resends;
    }

    public byte[] wire() {
        return wire == null ? null : wire.clone();
    }

    public int resends() {
        return resends;
    }

    private void settled() {
        wire = null; // its fate is known: the sealed copy is no longer needed
    }

    /**
     * The recipient's receipt: delivered, if the bytes it received are the bytes sent. A receipt wins
     * over "expired" (the envelope arrived in time; the receipt was late). Returns false if the receipt
     * names other bytes (then the state is unchanged and the caller reports it).
     */
    public boolean confirmDelivered(String receivedSha256, Instant at) {
        if (!sha256.equals(receivedSha256)) {
            return false;
        }
        if (state == DeliveryState.QUEUED || state == DeliveryState.EXPIRED) {
            state = DeliveryState.DELIVERED;
            stateAt = at;
            detail = null;
        }
        settled();
        return true;
    }

    /** Its expiry passed with no receipt: expired, not delivered. */
    public void expire(Instant now) {
        if (state == DeliveryState.QUEUED && !now.isBefore(expiresAt)) {
            state = DeliveryState.EXPIRED;
            stateAt = now;
            detail = "expired at " + expiresAt + ", not delivered";
            settled();
        }
    }

    public void reject(String why, Instant now) {
        if (state == DeliveryState.QUEUED || state == DeliveryState.EXPIRED) {
            state = DeliveryState.REJECTED;
            stateAt = now;
            detail = why;
            settled();
        }
    }

    public void undeliverable(String why, Instant now) {
        if (state == DeliveryState.QUEUED) {
            state = DeliveryState.UNDELIVERABLE;
            stateAt = now;
            detail = why;
            settled();
        }
    }

    public UUID envelopeId() {
        return UUID.fromString(envelopeId);
    }

    public NodeId toNode() {
        return NodeId.parse(toNode);
    }

    public NodeId nextHop() {
        return NodeId.parse(nextHop);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String priority() {
        return priority;
    }

    public int size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public DeliveryState state() {
        return state;
    }

    public Instant stateAt() {
        return stateAt;
    }

    public String detail() {
        return detail;
    }
}
