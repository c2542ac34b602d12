package org.amicus.core.cooperation.entity;

import java.util.Locale;

/**
 * Where a cooperation request stands between the requester and one responding organisation (docs/cooperation.md).
 * {@link #DRAFT} exists on the requester's node only; {@link #CLOSED} and {@link #WITHDRAWN} are final.
 */
public enum RequestState {
    DRAFT,
    SENT,
    ACKNOWLEDGED,
    CLARIFICATION_REQUESTED,
    CLARIFICATION_ANSWERED,
    ACCEPTED,
    DECLINED,
    PARTIALLY_FULFILLED,
    FULFILLED,
    CLOSED,
    WITHDRAWN;

    /** Nothing more can happen. */
    public boolean isFinal() {
        return this == CLOSED || this == WITHDRAWN;
    }

    /** Still waiting for the responder to act or deliver, so its deadline matters. */
    public boolean awaitsResponder() {
        return switch (this) {
            case SENT, ACKNOWLEDGED, CLARIFICATION_REQUESTED, CLARIFICATION_ANSWERED, ACCEPTED, PARTIALLY_FULFILLED ->
                true;
            default -> false;
        };
    }

    /** {@code clarification-requested}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
