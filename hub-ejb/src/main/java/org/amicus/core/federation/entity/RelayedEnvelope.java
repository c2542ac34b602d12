package org.amicus.core.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;

/**
 * An envelope this node forwarded as a relay: which, from which node to which, when, how large. No
 * content (a relay cannot read it). Kept until the envelope expires, so that each is forwarded once.
 */
@Entity
@Table(name = "relayed_envelope")
@IdClass(RelayedEnvelopeKey.class)
public class RelayedEnvelope {

    @Id
    @Column(name = "envelope_id", length = 36, nullable = false, updatable = false)
    private String envelopeId;

    @Id
    @Column(name = "to_node", length = 36, nullable = false, updatable = false)
    private String toNode;

    @Column(name = "from_node", length = 36, nullable = false, updatable = false)
    private String fromNode;

    @Column(name = "via_peer", length = 36, nullable = false, updatable = false)
    private String viaPeer;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private int size;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "relayed_at", nullable = false, updatable = false)
    private Instant relayedAt;

    /** The origin's sending last forwarded: 0 the first, n its n-th resend. */
    @Column(name = "attempt", nullable = false)
    private int attempt;

    protected RelayedEnvelope() {}

    public RelayedEnvelope(
            UUID envelopeId,
            NodeId toNode,
            NodeId fromNode,
            NodeId viaPeer,
            int size,
            Instant expiresAt,
            Instant at,
            int attempt) {
        this.envelopeId = envelopeId.toString();
        this.toNode = toNode.toString();
        this.fromNode = fromNode.toString();
        this.viaPeer = viaPeer.toString();
        this.size = size;
        this.expiresAt = expiresAt;
        this.relayedAt = at;
        this.attempt = attempt;
    }

    /** Whether the origin's {@code sending} (or a later one) was forwarded: a redelivery is not forwarded again. */
    public boolean forwarded(int sending) {
        return sending <= attempt;
    }

    /** Records that the origin's later {@code sending} (a resend) was forwarded too. */
    public void forwardedAgain(int sending) {
        attempt = Math.max(attempt, sending);
    }

    public static RelayedEnvelopeKey key(UUID envelopeId, NodeId toNode) {
        return new RelayedEnvelopeKey(envelopeId.toString(), toNode.toString());
    }
}
