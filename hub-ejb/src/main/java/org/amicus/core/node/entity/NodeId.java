package org.amicus.core.node.entity;

import java.util.Objects;
import java.util.UUID;

/** The identifier of an Amicus node, created once at its first start and never changed. */
public record NodeId(UUID value) {

    public NodeId {
        Objects.requireNonNull(value, "value");
    }

    public static NodeId random() {
        return new NodeId(UUID.randomUUID());
    }

    /** Parses the canonical form; rejects anything else with an {@link IllegalArgumentException}. */
    public static NodeId parse(String text) {
        return new NodeId(Uuids.parseCanonical(text, "node id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
