package org.amicus.core.bulletin.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A bulletin's id, the same on its publisher's node and on every node that received it. */
public record BulletinId(UUID value) {
    public BulletinId {
        Objects.requireNonNull(value, "value");
    }

    public static BulletinId random() {
        return new BulletinId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless a canonical UUID */
    public static BulletinId parse(String text) {
        return new BulletinId(Uuids.parseCanonical(text, "a bulletin id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
