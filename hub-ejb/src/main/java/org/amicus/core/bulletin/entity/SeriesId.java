package org.amicus.core.bulletin.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A bulletin series' id, the same on its publisher's node and on every node it was announced to. */
public record SeriesId(UUID value) {
    public SeriesId {
        Objects.requireNonNull(value, "value");
    }

    public static SeriesId random() {
        return new SeriesId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless a canonical UUID */
    public static SeriesId parse(String text) {
        return new SeriesId(Uuids.parseCanonical(text, "a series id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
