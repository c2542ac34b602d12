package org.amicus.core.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log: who did what to which object, under which marking, with what outcome. Never
 * content, names or witness identities: ids, kinds and counts. Written in the transaction of what it records;
 * linked into the chain afterwards ({@link #chain}), and then never changed.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_ids")
    @SequenceGenerator(name = "audit_entry_ids", sequenceName = "audit_entry_id_seq", allocationSize = 50)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "actor", length = 80, nullable = false, updatable = false)
    private String actor;

    @Column(name = "action", length = 40, nullable = false, updatable = false)
    private String action;

    @Column(name = "subject", length = 80, updatable = false)
    private String subject;

    @Column(name = "marking", length = 80, updatable = false)
    private String marking;

    @Column(name = "outcome", length = 16, nullable = false, updatable = false)
    private String outcome;

    @Column(name = "detail", length = 300, updatable = false)
    private String detail;

    @Column(name = "seq")
    private Long seq;

    @Column(name = "prev_hash", length = 64)
    private String prevHash;

    @Column(name = "hash", length = 64)
    private String hash;

    protected AuditEntry() {}

    public AuditEntry(AuditRecord r) {
        this.recordedAt = r.at();
        this.actor = r.actor();
        this.action = r.action();
        this.subject = r.subject();
        this.marking = r.marking();
        this.outcome = r.outcome();
        this.detail = r.detail();
    }

    /** Links this entry into the chain, once. */
    public void chain(long seq, String prevHash, String hash) {
        if (this.seq != null) {
            throw new IllegalStateException("audit entry " + id + " is already chained at " + this.seq);
        }
        this.seq = seq;
        this.prevHash = Objects.requireNonNull(prevHash);
        this.hash = Objects.requireNonNull(hash);
    }

    public AuditRecord record() {
        return new AuditRecord(recordedAt, actor, action, subject, marking, outcome, detail);
    }

    public Optional<Long> seq() {
        return Optional.ofNullable(seq);
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
