package org.amicus.web.node;

import org.amicus.core.node.boundary.NodeDescription;

/** Wire form of {@code GET /api/v1/node}. */
public record NodeJson(String id, String name, String version, BrokerJson broker) {

    /** The broker's state as the node sees it. */
    public record BrokerJson(String status, String detail) {}

    static NodeJson of(NodeDescription d) {
        return new NodeJson(
                d.id().toString(),
                d.name(),
                d.version(),
                new BrokerJson(d.broker().up() ? "UP" : "DOWN", d.broker().detail()));
    }
}
