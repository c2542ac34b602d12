package org.amicus.core.cooperation.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.cooperation.entity.Action;
import org.amicus.core.cooperation.entity.CooperationEvent;
import org.amicus.core.cooperation.entity.Party;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.cooperation.entity.RequestState;
import org.amicus.core.cooperation.entity.RequestTerms;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.entity.Marking;

/**
 * A cooperation request as this organisation sees it: its side, its terms (opened for the caller) and, for each
 * responding organisation it knows of (all of them for the requester, itself for a responder), the state and
 * events both nodes share.
 */
public record RequestView(
        RequestId id,
        Party ownSide,
        OrgId requester,
        Marking marking,
        RequestTerms terms,
        Instant deadline,
        Instant createdAt,
        Optional<Instant> sentAt,
        List<ThreadView> threads) {

    /** Still a draft on the requester's node. */
    public boolean draft() {
        return sentAt.isEmpty();
    }

    /** The request between the requester and one responder. */
    public record ThreadView(
            OrgId responder,
            RequestState state,
            Instant deadline,
            boolean overdue,
            Optional<Instant> remindedAt,
            Optional<Instant> overdueAt,
            List<EventView> events) {}

    /** One step; {@code note} opened for the caller; {@code by} the person here who took it, if taken here. */
    public record EventView(
            UUID id,
            int seq,
            Action action,
            Party party,
            OrgId actor,
            Instant at,
            Optional<String> note,
            Optional<Instant> deadline,
            CooperationEvent.Status status,
            Optional<String> by) {}
}
