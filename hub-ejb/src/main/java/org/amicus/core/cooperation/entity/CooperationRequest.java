package org.amicus.core.cooperation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.amicus.core.membership.entity.OrgId;

/**
 * A cooperation request as this node holds it: made here ({@link Party#REQUESTER}) or received
 * ({@link Party#RESPONDER}). Its terms are sealed under the node's content key; its marking (levels, ids and
 * dates) and deadline are in clear because routing and the deadline jobs need them.
 */
@Entity
@Table(name = "cooperation_request")
public class CooperationRequest {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "own_party", length = 16, nullable = false, updatable = false)
    private String ownParty;

    @Column(name = "requester", length = 36, nullable = false, updatable = false)
    private String requester;

    @Column(name = "marking", length = 65536, nullable = false)
    private String marking;

    @Column(name = "terms", nullable = false)
    private byte[] terms;

    @Column(name = "deadline", nullable = false)
    private Instant deadline;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "created_by", length = 80)
    private String createdBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected CooperationRequest() {}

    /** A draft made here. */
    public static CooperationRequest draft(
            RequestId id, OrgId self, String marking, byte[] sealedTerms, Instant deadline, String by, Instant now) {
        CooperationRequest r = new CooperationRequest(id, Party.REQUESTER, self, marking, sealedTerms, deadline, now);
        r.createdBy = by;
        return r;
    }

    /** A request that arrived from {@code requester}. */
    public static CooperationRequest received(
            RequestId id, OrgId requester, String marking, byte[] sealedTerms, Instant deadline, Instant now) {
        CooperationRequest r =
                new CooperationRequest(id, Party.RESPONDER, requester, marking, sealedTerms, deadline, now);
        r.sentAt = now;
        return r;
    }

    private CooperationRequest(
            RequestId id, Party own, OrgId requester, String marking, byte[] terms, Instant deadline, Instant now) {
        this.id = id.toString();
        this.ownParty = own.name();
        this.requester = requester.toString();
        this.marking = Objects.requireNonNull(marking, "marking");
        this.terms = terms.clone();
        this.deadline = deadline;
        this.createdAt = now;
    }

    /** Replaces a draft's terms, marking and deadline. */
    public void redraft(String marking, byte[] sealedTerms, Instant deadline) {
        if (!isDraft()) {
            throw new IllegalTransitionException("a request that was sent cannot be edited; send a clarification");
        }
        this.marking = marking;
        this.terms = sealedTerms.clone();
        this.deadline = deadline;
    }

    public void sent(Instant at) {
        if (!isDraft()) {
            throw new IllegalTransitionException("the request was sent already");
        }
        this.sentAt = at;
    }

    public boolean isDraft() {
        return sentAt == null;
    }

    public RequestId id() {
        return RequestId.parse(id);
    }

    public Party ownParty() {
        return Party.valueOf(ownParty);
    }

    public OrgId requester() {
        return OrgId.parse(requester);
    }

    public String marking() {
        return marking;
    }

    public byte[] sealedTerms() {
        return terms.clone();
    }

    public Instant deadline() {
        return deadline;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }
}
