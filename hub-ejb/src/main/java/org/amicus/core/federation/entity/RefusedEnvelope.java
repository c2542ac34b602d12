package org.amicus.core.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An envelope refused on arrival: which (if its header was readable), from which peer, why. No content. */
@Entity
@Table(name = "refused_envelope")
public class RefusedEnvelope {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "envelope_id", length = 36, updatable = false)
    private String envelopeId;

    @Column(name = "from_node", length = 36, updatable = false)
    private String fromNode;

    @Column(name = "via_peer", length = 36, updatable = false)
    private String viaPeer;

    @Column(name = "kind", length = 32, nullable = false, updatable = false)
    private String kind;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int size;

    @Column(name = "refused_at", nullable = false, updatable = false)
    private Instant refusedAt;

    @Column(name = "report_sent_at")
    private Instant reportSentAt;

    protected RefusedEnvelope() {}

    /**
     * @param fromNode the sender node the envelope's header names (unverified), if readable
     * @param viaPeer the peer that delivered it, as the broker authenticated it
     */
    public RefusedEnvelope(UUID envelopeId, String fromNode, String viaPeer, String kind, int size, Instant refusedAt) {
        this.id = UUID.randomUUID().toString();
        this.envelopeId = envelopeId == null ? null : envelopeId.toString();
        this.fromNode = fromNode;
        this.viaPeer = viaPeer;
        this.kind = kind;
        this.size = size;
        this.refusedAt = refusedAt;
    }

    /**
     * Whether the refusal may be reported back: only to the peer that delivered the envelope, about an
     * envelope that names that peer as its sender (it learns nothing about anyone else's envelopes).
     */
    public boolean reportable() {
        return envelopeId != null && fromNode != null && fromNode.equals(viaPeer) && reportSentAt == null;
    }

    public void reported(Instant at) {
        this.reportSentAt = at;
    }

    public String fromNode() {
        return fromNode;
    }

    public String envelopeId() {
        return envelopeId;
    }

    public String viaPeer() {
        return viaPeer;
    }

    public String kind() {
        return kind;
    }

    public int size() {
        return size;
    }

    public Instant refusedAt() {
        return refusedAt;
    }
}
