package org.amicus.core.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.amicus.core.membership.entity.OrgId;

/**
 * One consent request, as the holder that asked ({@link Side#ASKED}) or the originator that was asked ({@link
 * Side#ASKED_OF}) keeps it: which message, which organisations it would go to, and the answer. Ids and dates
 * only, never content.
 */
@Entity
@Table(name = "consent_request")
public class ConsentRecord {

    /** Which end of the request this node is. */
    public enum Side {
        /** This organisation holds the message and asked its originator. */
        ASKED,
        /** This organisation is the originator and was asked. */
        ASKED_OF
    }

    public enum State {
        PENDING,
        GRANTED,
        REFUSED
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "side", length = 8, nullable = false, updatable = false)
    private String side;

    @Column(name = "message_id", length = 36, nullable = false, updatable = false)
    private String messageId;

    @Column(name = "originator", length = 36, nullable = false, updatable = false)
    private String originator;

    @Column(name = "holder", length = 36, nullable = false, updatable = false)
    private String holder;

    @Column(name = "organisations", length = 20000, nullable = false, updatable = false)
    private String organisations;

    @Column(name = "state", length = 8, nullable = false)
    private String state;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "answered_by", length = 80)
    private String answeredBy;

    @Version
    @Column(name = "version")
    private long version;

    protected ConsentRecord() {}

    public ConsentRecord(
            UUID id, Side side, UUID message, OrgId originator, OrgId holder, Set<OrgId> organisations, Instant now) {
        if (organisations.isEmpty()) {
            throw new IllegalArgumentException("a consent request names at least one organisation");
        }
        this.id = id.toString();
        this.side = side.name();
        this.messageId = message.toString();
        this.originator = originator.toString();
        this.holder = holder.toString();
        this.organisations = join(organisations);
        this.state = State.PENDING.name();
        this.requestedAt = Objects.requireNonNull(now, "now");
    }

    static String join(Set<OrgId> orgs) {
        return orgs.stream().map(OrgId::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(","));
    }

    /** The answer, once: granted until {@code validUntil}, or refused. */
    public void answer(boolean granted, Instant validUntil, String by, Instant now) {
        if (state() != State.PENDING) {
            throw new IllegalStateException("the request " + id + " was answered already (" + state + ")");
        }
        if (granted && (validUntil == null || !validUntil.isAfter(now))) {
            throw new IllegalArgumentException("a consent is valid until a time in the future");
        }
        this.state = (granted ? State.GRANTED : State.REFUSED).name();
        this.validUntil = granted ? validUntil : null;
        this.answeredAt = now;
        this.answeredBy = by;
    }

    /** The consent it records, if granted. */
    public java.util.Optional<Consent> consent() {
        return state() == State.GRANTED
                ? java.util.Optional.of(new Consent(message(), originator(), organisations(), validUntil))
                : java.util.Optional.empty();
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public Side side() {
        return Side.valueOf(side);
    }

    public UUID message() {
        return UUID.fromString(messageId);
    }

    public OrgId originator() {
        return OrgId.parse(originator);
    }

    public OrgId holder() {
        return OrgId.parse(holder);
    }

    public Set<OrgId> organisations() {
        return Arrays.stream(organisations.split(",")).map(OrgId::parse).collect(Collectors.toSet());
    }

    public State state() {
        return State.valueOf(state);
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public String answeredBy() {
        return answeredBy;
    }
}
