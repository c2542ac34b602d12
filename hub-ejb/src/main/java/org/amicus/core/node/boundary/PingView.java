package org.amicus.core.node.boundary;

import java.time.Instant;
import org.amicus.core.node.entity.PingId;
import org.amicus.core.node.entity.PingRecord;
import org.amicus.core.node.entity.PingStatus;

/** A ping as callers see it. */
public record PingView(PingId id, PingStatus status, Instant sentAt, Instant deliveredAt, int deliveries) {

    static PingView of(PingRecord r) {
        return new PingView(r.id(), r.status(), r.sentAt(), r.deliveredAt().orElse(null), r.deliveries());
    }
}
