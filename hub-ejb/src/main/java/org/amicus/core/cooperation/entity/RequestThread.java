package org.amicus.core.cooperation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;

/**
 * A request between its requester and one responding organisation: the state both nodes agree on, the last
 * event in force and the deadline that applies now, with the flags the deadline jobs set (a reminder was due,
 * the deadline passed). The requester's node holds one per organisation asked; a responder's node holds its own.
 */
@Entity
@Table(name = "cooperation_thread")
public class RequestThread {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "request_id", length = 36, nullable = false, updatable = false)
    private String requestId;

    @Column(name = "responder", length = 36, nullable = false, updatable = false)
    private String responder;

    @Column(name = "state", length = 32, nullable = false)
    private String state;

    @Column(name = "seq", nullable = false)
    private int seq;

    @Column(name = "last_event", length = 36)
    private String lastEvent;

    @Column(name = "deadline", nullable = false)
    private Instant deadline;

    @Column(name = "reminded_at")
    private Instant remindedAt;

    @Column(name = "overdue_at")
    private Instant overdueAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RequestThread() {}

    public RequestThread(RequestId request, OrgId responder, Instant deadline, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.requestId = request.toString();
        this.responder = responder.toString();
        this.state = RequestState.DRAFT.name();
        this.seq = 0;
        this.deadline = deadline;
        this.updatedAt = now;
    }

    /**
     * Applies {@code action} by {@code party}, as event {@code eventId}; returns the state after it.
     *
     * @throws IllegalTransitionException if the lifecycle does not allow it
     */
    public RequestState apply(UUID eventId, Action action, Party party, Optional<Instant> newDeadline, Instant now) {
        RequestState after = action.next(state(), party);
        if (action == Action.EXTEND_DEADLINE) {
            Instant d = newDeadline.orElseThrow(() -> new IllegalTransitionException("name the new deadline"));
            if (!d.isAfter(deadline)) {
                throw new IllegalTransitionException("a new deadline is later than the current one (" + deadline + ")");
            }
            deadline = d;
            remindedAt = null;
            overdueAt = null;
        }
        state = after.name();
        seq++;
        lastEvent = eventId.toString();
        updatedAt = now;
        return after;
    }

    /**
     * Back to the state after event {@code keptSeq} ({@code keptEvent}), in state {@code keptState} with
     * {@code keptDeadline}: the events after it were superseded by the requester's.
     */
    public void rewind(int keptSeq, UUID keptEvent, RequestState keptState, Instant keptDeadline, Instant now) {
        seq = keptSeq;
        lastEvent = keptEvent.toString();
        state = keptState.name();
        deadline = keptDeadline;
        updatedAt = now;
    }

    /** Whether a reminder falls due now ({@code lead} before the deadline); marks it given. */
    public boolean remindIfDue(Duration lead, Instant now) {
        if (remindedAt != null || !state().awaitsResponder() || now.isBefore(deadline.minus(lead))) {
            return false;
        }
        remindedAt = now;
        return true;
    }

    /** Whether the deadline passed with the responder's part still open; marks it overdue. */
    public boolean flagIfOverdue(Instant now) {
        if (overdueAt != null || !state().awaitsResponder() || now.isBefore(deadline)) {
            return false;
        }
        overdueAt = now;
        return true;
    }

    /** The deadline passed while the responder's part is still open. */
    public boolean overdue(Instant now) {
        return state().awaitsResponder() && !now.isBefore(deadline);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public RequestId request() {
        return RequestId.parse(requestId);
    }

    public OrgId responder() {
        return OrgId.parse(responder);
    }

    public RequestState state() {
        return RequestState.valueOf(state);
    }

    public int seq() {
        return seq;
    }

    public Optional<UUID> lastEvent() {
        return Optional.ofNullable(lastEvent).map(UUID::fromString);
    }

    public Instant deadline() {
        return deadline;
    }

    public Optional<Instant> remindedAt() {
        return Optional.ofNullable(remindedAt);
    }

    public Optional<Instant> overdueAt() {
        return Optional.ofNullable(overdueAt);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Ids of these threads' requests, for queries. */
    public static List<String> requestIds(List<RequestThread> threads) {
        return threads.stream().map(t -> t.requestId).distinct().toList();
    }
}
