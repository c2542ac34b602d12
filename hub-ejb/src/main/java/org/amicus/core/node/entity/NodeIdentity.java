package org.amicus.core.node.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** The node's one identity row, created at first start. */
@Entity
@Table(name = "node_identity")
public class NodeIdentity {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected NodeIdentity() {}

    public NodeIdentity(NodeId id, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id").toString();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public NodeId id() {
        return NodeId.parse(id);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
