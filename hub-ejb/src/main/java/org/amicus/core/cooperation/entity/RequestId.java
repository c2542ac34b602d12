package org.amicus.core.cooperation.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A cooperation request's id, the same on every node that holds the request. */
public record RequestId(UUID value) {
    public RequestId {
        Objects.requireNonNull(value, "value");
    }

    public static RequestId random() {
        return new RequestId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless a canonical UUID */
    public static RequestId parse(String text) {
        return new RequestId(Uuids.parseCanonical(text, "a cooperation request id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
