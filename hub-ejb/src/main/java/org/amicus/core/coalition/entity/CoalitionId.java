package org.amicus.core.coalition.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A coalition: a channel whose current members receive what is sent to it. */
public record CoalitionId(UUID value) {

    public CoalitionId {
        Objects.requireNonNull(value, "value");
    }

    public static CoalitionId random() {
        return new CoalitionId(UUID.randomUUID());
    }

    public static CoalitionId parse(String text) {
        return new CoalitionId(Uuids.parseCanonical(text, "a coalition id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
