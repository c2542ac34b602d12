package org.amicus.core.membership.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A person's account at their organisation's node. Only that node knows who the person is. */
public record PersonId(UUID value) {

    public PersonId {
        Objects.requireNonNull(value, "value");
    }

    public static PersonId random() {
        return new PersonId(UUID.randomUUID());
    }

    public static PersonId parse(String text) {
        return new PersonId(Uuids.parseCanonical(text, "a person id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
