package org.amicus.core.alert.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A security alert's id, the same on the issuer's node and on every node that received it. */
public record AlertId(UUID value) {
    public AlertId {
        Objects.requireNonNull(value, "value");
    }

    public static AlertId random() {
        return new AlertId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless a canonical UUID */
    public static AlertId parse(String text) {
        return new AlertId(Uuids.parseCanonical(text, "an alert id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
