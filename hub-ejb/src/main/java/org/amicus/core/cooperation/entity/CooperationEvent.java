package org.amicus.core.cooperation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One step of a request between its requester and one responder, as both nodes record it. Its note (a
 * question, an answer, a reason) is sealed under the node's content key. {@link Status#HELD}: it arrived
 * before the event it follows; {@link Status#SUPERSEDED}: it crossed with the requester's event and does not count.
 */
@Entity
@Table(name = "cooperation_event")
public class CooperationEvent {

    public enum Status {
        APPLIED,
        HELD,
        SUPERSEDED
    }

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "event_id", length = 36, nullable = false, updatable = false)
    private String eventId;

    @Column(name = "thread_id", length = 36, nullable = false, updatable = false)
    private String threadId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Column(name = "previous", length = 36, updatable = false)
    private String previous;

    @Column(name = "action", length = 32, nullable = false, updatable = false)
    private String action;

    @Column(name = "party", length = 16, nullable = false, updatable = false)
    private String party;

    @Column(name = "acted_at", nullable = false, updatable = false)
    private Instant at;

    @Column(name = "note", updatable = false)
    private byte[] note;

    @Column(name = "deadline", updatable = false)
    private Instant deadline;

    @Column(name = "state_after", length = 32)
    private String stateAfter;

    @Column(name = "deadline_after")
    private Instant deadlineAfter;

    @Column(name = "status", length = 16, nullable = false)
    private String status;

    @Column(name = "by_person", length = 80, updatable = false)
    private String byPerson;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected CooperationEvent() {}

    public CooperationEvent(
            UUID id,
            UUID thread,
            int seq,
            Optional<UUID> previous,
            Action action,
            Party party,
            Instant at,
            byte[] sealedNote,
            Optional<Instant> deadline,
            String byPerson,
            Instant recordedAt) {
        this.id = UUID.randomUUID().toString();
        this.eventId = id.toString();
        this.threadId = thread.toString();
        this.seq = seq;
        this.previous = previous.map(UUID::toString).orElse(null);
        this.action = action.name();
        this.party = party.name();
        this.at = at;
        this.note = sealedNote == null ? null : sealedNote.clone();
        this.deadline = deadline.orElse(null);
        this.byPerson = byPerson;
        this.recordedAt = recordedAt;
        this.status = Status.HELD.name();
    }

    /** It is in force; the thread was in {@code state} with {@code deadline} after it. */
    public void applied(RequestState state, Instant deadline) {
        this.status = Status.APPLIED.name();
        this.stateAfter = state.name();
        this.deadlineAfter = deadline;
    }

    public void superseded() {
        this.status = Status.SUPERSEDED.name();
    }

    /** The event's id in the chain (the same on both nodes; the first event's is the request's). */
    public UUID id() {
        return UUID.fromString(eventId);
    }

    public UUID thread() {
        return UUID.fromString(threadId);
    }

    public int seq() {
        return seq;
    }

    public Optional<UUID> previous() {
        return Optional.ofNullable(previous).map(UUID::fromString);
    }

    public Action action() {
        return Action.valueOf(action);
    }

    public Party party() {
        return Party.valueOf(party);
    }

    public Instant at() {
        return at;
    }

    public Optional<byte[]> sealedNote() {
        return Optional.ofNullable(note).map(byte[]::clone);
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    public Optional<RequestState> stateAfter() {
        return Optional.ofNullable(stateAfter).map(RequestState::valueOf);
    }

    public Optional<Instant> deadlineAfter() {
        return Optional.ofNullable(deadlineAfter);
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public Optional<String> byPerson() {
        return Optional.ofNullable(byPerson);
    }
}
