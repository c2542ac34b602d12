package org.amicus.web.node;

import org.amicus.core.node.boundary.PingView;

/** Wire form of a ping. Times are ISO-8601 instants in UTC; deliveredAt is null until delivered. */
public record PingJson(String id, String status, String sentAt, String deliveredAt, int deliveries) {

    static PingJson of(PingView p) {
        return new PingJson(
                p.id().toString(),
                p.status().name(),
                p.sentAt().toString(),
                p.deliveredAt() == null ? null : p.deliveredAt().toString(),
                p.deliveries());
    }
}
