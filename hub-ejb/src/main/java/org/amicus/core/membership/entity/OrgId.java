package org.amicus.core.membership.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/**
 * An organisation in the federation, independent of its keys (an organisation that replaces a compromised
 * key stays the same organisation) and of its node (a relay may serve several).
 */
public record OrgId(UUID value) {

    public OrgId {
        Objects.requireNonNull(value, "value");
    }

    public static OrgId random() {
        return new OrgId(UUID.randomUUID());
    }

    public static OrgId parse(String text) {
        return new OrgId(Uuids.parseCanonical(text, "an organisation id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
