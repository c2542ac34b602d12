package org.amicus.core.cooperation.entity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one side does to a cooperation request, who may do it, from which states and to which state. The
 * lifecycle is this table: {@link #next} refuses anything else, on the node where it is done and again on the
 * node that receives it.
 */
public enum Action {
    SEND(Party.REQUESTER, RequestState.SENT, false, EnumSet.of(RequestState.DRAFT)),
    ACKNOWLEDGE(Party.RESPONDER, RequestState.ACKNOWLEDGED, false, EnumSet.of(RequestState.SENT)),
    REQUEST_CLARIFICATION(
            Party.RESPONDER,
            RequestState.CLARIFICATION_REQUESTED,
            true,
            EnumSet.of(RequestState.SENT, RequestState.ACKNOWLEDGED, RequestState.CLARIFICATION_ANSWERED)),
    ANSWER_CLARIFICATION(
            Party.REQUESTER,
            RequestState.CLARIFICATION_ANSWERED,
            true,
            EnumSet.of(RequestState.CLARIFICATION_REQUESTED)),
    ACCEPT(
            Party.RESPONDER,
            RequestState.ACCEPTED,
            false,
            EnumSet.of(RequestState.SENT, RequestState.ACKNOWLEDGED, RequestState.CLARIFICATION_ANSWERED)),
    DECLINE(
            Party.RESPONDER,
            RequestState.DECLINED,
            true,
            EnumSet.of(RequestState.SENT, RequestState.ACKNOWLEDGED, RequestState.CLARIFICATION_ANSWERED)),
    FULFIL_PARTIALLY(
            Party.RESPONDER,
            RequestState.PARTIALLY_FULFILLED,
            false,
            EnumSet.of(RequestState.ACCEPTED, RequestState.PARTIALLY_FULFILLED)),
    FULFIL(
            Party.RESPONDER,
            RequestState.FULFILLED,
            false,
            EnumSet.of(RequestState.ACCEPTED, RequestState.PARTIALLY_FULFILLED)),
    CLOSE(
            Party.REQUESTER,
            RequestState.CLOSED,
            false,
            EnumSet.of(
                    RequestState.DECLINED,
                    RequestState.ACCEPTED,
                    RequestState.PARTIALLY_FULFILLED,
                    RequestState.FULFILLED)),
    WITHDRAW(
            Party.REQUESTER,
            RequestState.WITHDRAWN,
            true,
            EnumSet.of(
                    RequestState.SENT,
                    RequestState.ACKNOWLEDGED,
                    RequestState.CLARIFICATION_REQUESTED,
                    RequestState.CLARIFICATION_ANSWERED,
                    RequestState.ACCEPTED,
                    RequestState.PARTIALLY_FULFILLED)),
    /** A later deadline; the state stays as it is. */
    EXTEND_DEADLINE(
            Party.REQUESTER,
            null,
            false,
            EnumSet.of(
                    RequestState.SENT,
                    RequestState.ACKNOWLEDGED,
                    RequestState.CLARIFICATION_REQUESTED,
                    RequestState.CLARIFICATION_ANSWERED,
                    RequestState.ACCEPTED,
                    RequestState.PARTIALLY_FULFILLED));

    private final Party by;
    private final RequestState to;
    private final boolean needsNote;
    private final Set<RequestState> from;

    Action(Party by, RequestState to, boolean needsNote, Set<RequestState> from) {
        this.by = by;
        this.to = to;
        this.needsNote = needsNote;
        this.from = from;
    }

    /** The side that may take this action. */
    public Party by() {
        return by;
    }

    /** Whether it must say why or what (a question, an answer, a reason). */
    public boolean needsNote() {
        return needsNote;
    }

    /** Whether it brings the responder into the request's work, which a passed deadline rules out. */
    public boolean commits() {
        return this == ACCEPT;
    }

    /**
     * The state after {@code party} takes this action in state {@code current}.
     *
     * @throws IllegalTransitionException if that side may not, or not in that state
     */
    public RequestState next(RequestState current, Party party) {
        if (party != by) {
            throw new IllegalTransitionException("only the " + by.wireName() + " may " + words() + " a request");
        }
        if (!from.contains(current)) {
            throw new IllegalTransitionException(
                    "a request that is " + current.wireName().replace('-', ' ')
                            + " cannot be " + past() + "; possible from: "
                            + from.stream().map(RequestState::wireName).collect(Collectors.joining(", ")));
        }
        return to == null ? current : to;
    }

    /** {@code request-clarification}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Action parse(String text) {
        for (Action a : values()) {
            if (a.wireName().equals(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "'; the actions are "
                + java.util.Arrays.stream(values()).map(Action::wireName).collect(Collectors.joining(", ")));
    }

    private String words() {
        return wireName().replace('-', ' ');
    }

    private String past() {
        return switch (this) {
            case SEND -> "sent";
            case ACKNOWLEDGE -> "acknowledged";
            case REQUEST_CLARIFICATION -> "questioned";
            case ANSWER_CLARIFICATION -> "clarified";
            case ACCEPT -> "accepted";
            case DECLINE -> "declined";
            case FULFIL_PARTIALLY -> "partly fulfilled";
            case FULFIL -> "fulfilled";
            case CLOSE -> "closed";
            case WITHDRAW -> "withdrawn";
            case EXTEND_DEADLINE -> "given a later deadline";
        };
    }
}
