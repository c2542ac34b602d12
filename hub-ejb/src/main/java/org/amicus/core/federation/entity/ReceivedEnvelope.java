package org.amicus.core.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/**
 * An envelope this node received and accepted, stored sealed exactly as it arrived (opened again only
 * to be read), with what its verified header said and whether its receipt has gone back.
 */
@Entity
@Table(name = "received_envelope")
public class ReceivedEnvelope {

    @Id
    @Column(name = "envelope_id", length = 36, nullable = false, updatable = false)
    private String envelopeId;

    @Column(name = "from_node", length = 36, nullable = false, updatable = false)
    private String fromNode;

    @Column(name = "sender", length = 40, nullable = false, updatable = false)
    private String sender;

    @Column(name = "via_peer", length = 36, nullable = false, updatable = false)
    private String viaPeer;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "priority", nullable = false, updatable = false)
    private String priority;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int size;

    @Column(name = "sha256", length = 64, nullable = false, updatable = false)
    private String sha256;

    @Column(name = "wire", nullable = false, updatable = false)
    private byte[] wire;

    @Column(name = "receipt_sent_at")
    private Instant receiptSentAt;

    /** The marking it arrived under (canonical marking JSON: levels, ids and dates, never content). */
    @Column(name = "marking", length = 65536, updatable = false)
    private String marking;

    /** The workflow whose chain recorded it (cooperation); null for a message, which the inbox shows. */
    @Column(name = "workflow", length = 32, updatable = false)
    private String workflow;

    protected ReceivedEnvelope() {}

    public ReceivedEnvelope(
            UUID envelopeId,
            NodeId fromNode,
            Fingerprint sender,
            NodeId viaPeer,
            Instant createdAt,
            Instant expiresAt,
            Instant receivedAt,
            String priority,
            String sha256,
            byte[] wire,
            String marking) {
        this.envelopeId = envelopeId.toString();
        this.fromNode = fromNode.toString();
        this.sender = sender.hex();
        this.viaPeer = viaPeer.toString();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.receivedAt = receivedAt;
        this.priority = priority;
        this.size = wire.length;
        this.sha256 = sha256;
        this.wire = wire.clone();
        this.marking = marking;
    }

    /** The marking it arrived under, as canonical marking JSON (empty for none). */
    public String marking() {
        return marking == null ? "" : marking;
    }

    public void receiptSent(Instant at) {
        this.receiptSentAt = at;
    }

    /** It arrived again: its sender lacks the receipt (lost, or not yet there), so it goes again. */
    public void receiptAgain() {
        this.receiptSentAt = null;
    }

    public UUID envelopeId() {
        return UUID.fromString(envelopeId);
    }

    public NodeId fromNode() {
        return NodeId.parse(fromNode);
    }

    public Fingerprint sender() {
        return Fingerprint.parse(sender);
    }

    public NodeId viaPeer() {
        return NodeId.parse(viaPeer);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant receivedAt() {
        return receivedAt;
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

    /** The sealed envelope as it arrived (ciphertext). */
    public byte[] wire() {
        return wire.clone();
    }

    public Instant receiptSentAt() {
        return receiptSentAt;
    }

    /** Kept as the signed original of a workflow's step ({@code cooperation}), not shown as a message. */
    public ReceivedEnvelope forWorkflow(String name) {
        this.workflow = name;
        return this;
    }

    public java.util.Optional<String> workflow() {
        return java.util.Optional.ofNullable(workflow);
    }
}
