package org.amicus.core.node.entity;

import java.util.Objects;
import java.util.UUID;

/** The identifier of one ping through the node's own inbox. */
public record PingId(UUID value) {

    public PingId {
        Objects.requireNonNull(value, "value");
    }

    public static PingId random() {
        return new PingId(UUID.randomUUID());
    }

    /** Parses the canonical form; rejects anything else with an {@link IllegalArgumentException}. */
    public static PingId parse(String text) {
        return new PingId(Uuids.parseCanonical(text, "ping id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
