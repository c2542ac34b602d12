package org.amicus.core.routing.boundary;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.entity.ConsentRecord;

/** A consent request as people see it: which message, to whom, asked by whom of whom, and the answer. */
public record ConsentView(
        UUID id,
        ConsentRecord.Side side,
        UUID message,
        OrgId originator,
        OrgId holder,
        Set<OrgId> organisations,
        ConsentRecord.State state,
        Instant requestedAt,
        Instant answeredAt,
        Instant validUntil) {

    static ConsentView of(ConsentRecord r) {
        return new ConsentView(
                r.id(),
                r.side(),
                r.message(),
                r.originator(),
                r.holder(),
                r.organisations(),
                r.state(),
                r.requestedAt(),
                r.answeredAt(),
                r.validUntil());
    }
}
