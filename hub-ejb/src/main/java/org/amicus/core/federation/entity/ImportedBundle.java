package org.amicus.core.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.node.entity.NodeId;

/**
 * An offline bundle this node imported (or is importing): it is imported once. A bundle whose import
 * was interrupted stays {@code importing} and may be imported again; its envelopes already stored are
 * recognised as duplicates.
 */
@Entity
@Table(name = "imported_bundle")
public class ImportedBundle {

    /** Where an import stands. */
    public enum State {
        IMPORTING,
        IMPORTED
    }

    @Id
    @Column(name = "bundle_id", length = 36, nullable = false, updatable = false)
    private String bundleId;

    @Column(name = "from_node", length = 36, nullable = false, updatable = false)
    private String fromNode;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "envelopes", nullable = false, updatable = false)
    private int envelopes;

    @Column(name = "state", length = 16, nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private State state;

    @Column(name = "accepted", nullable = false)
    private int accepted;

    @Column(name = "duplicates", nullable = false)
    private int duplicates;

    @Column(name = "refused", nullable = false)
    private int refused;

    @Column(name = "parts", nullable = false, updatable = false)
    private int parts;

    @Column(name = "parts_kept", nullable = false)
    private int partsKept;

    @Column(name = "parts_duplicates", nullable = false)
    private int partsDuplicates;

    @Column(name = "parts_refused", nullable = false)
    private int partsRefused;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected ImportedBundle() {}

    public ImportedBundle(
            UUID bundleId, NodeId fromNode, Instant createdAt, int envelopes, int parts, Instant startedAt) {
        this.bundleId = bundleId.toString();
        this.fromNode = fromNode.toString();
        this.createdAt = createdAt;
        this.envelopes = envelopes;
        this.parts = parts;
        this.state = State.IMPORTING;
        this.startedAt = startedAt;
    }

    /** Starts an interrupted import again. */
    public void restart(Instant at) {
        if (state != State.IMPORTING) {
            throw new IllegalStateException("bundle " + bundleId + " was imported already");
        }
        this.startedAt = at;
        this.accepted = 0;
        this.duplicates = 0;
        this.refused = 0;
        this.partsKept = 0;
        this.partsDuplicates = 0;
        this.partsRefused = 0;
    }

    /** The import is done: what became of its envelopes, and of its parts of files ({@code files}). */
    public void finish(int accepted, int duplicates, int refused, PartCounts files, Instant at) {
        this.accepted = accepted;
        this.duplicates = duplicates;
        this.refused = refused;
        this.partsKept = files.kept();
        this.partsDuplicates = files.duplicates();
        this.partsRefused = files.refused();
        this.state = State.IMPORTED;
        this.finishedAt = at;
    }

    public UUID bundleId() {
        return UUID.fromString(bundleId);
    }

    public NodeId fromNode() {
        return NodeId.parse(fromNode);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int envelopes() {
        return envelopes;
    }

    public State state() {
        return state;
    }

    public int accepted() {
        return accepted;
    }

    public int duplicates() {
        return duplicates;
    }

    public int refused() {
        return refused;
    }

    /** The parts of files the bundle carried, and what became of them (zero for a bundle of envelopes only). */
    public PartCounts files() {
        return new PartCounts(parts, partsKept, partsDuplicates, partsRefused);
    }

    /**
     * Parts of files in a bundle: how many it carried, and how many were kept (to be opened here, or relayed on), were
     * here already, or were refused.
     */
    public record PartCounts(int parts, int kept, int duplicates, int refused) {}

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
