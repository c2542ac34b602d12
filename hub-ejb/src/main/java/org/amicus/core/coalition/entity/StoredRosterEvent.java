package org.amicus.core.coalition.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One roster event as this node verified and stored it: its canonical line (what was signed and hashed), the
 * signature, and the facts read from the line for queries. Never changed once written.
 */
@Entity
@Table(name = "roster_event")
@IdClass(StoredRosterEvent.Key.class)
public class StoredRosterEvent {

    /** The composite key: coalition and place in its chain. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String coalitionId;
        public long seq;

        public Key() {}

        public Key(String coalitionId, long seq) {
            this.coalitionId = coalitionId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.coalitionId, coalitionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(coalitionId, seq);
        }
    }

    @Id
    @Column(name = "coalition_id", length = 36, nullable = false, updatable = false)
    private String coalitionId;

    @Id
    @Column(name = "seq", nullable = false, updatable = false)
    private long seq;

    @Column(name = "kind", length = 16, nullable = false, updatable = false)
    private String kind;

    @Column(name = "actor", length = 36, nullable = false, updatable = false)
    private String actor;

    @Column(name = "subject", length = 36, nullable = false, updatable = false)
    private String subject;

    @Column(name = "line", length = 4000, nullable = false, updatable = false)
    private String line;

    @Column(name = "hash", length = 64, nullable = false, updatable = false)
    private String hash;

    @Column(name = "signature", nullable = false, updatable = false)
    private byte[] signature;

    @Column(name = "stored_at", nullable = false, updatable = false)
    private Instant storedAt;

    protected StoredRosterEvent() {}

    public StoredRosterEvent(RosterEvent event, String hash, Instant now) {
        this.coalitionId = event.coalition().toString();
        this.seq = event.seq();
        this.kind = event.kind().name();
        this.actor = event.actor().toString();
        this.subject = event.subject().toString();
        this.line = event.line();
        this.hash = Objects.requireNonNull(hash, "hash");
        this.signature = event.signature();
        this.storedAt = now;
    }

    public long seq() {
        return seq;
    }

    public String line() {
        return line;
    }

    public String hash() {
        return hash;
    }

    public byte[] signature() {
        return signature.clone();
    }
}
