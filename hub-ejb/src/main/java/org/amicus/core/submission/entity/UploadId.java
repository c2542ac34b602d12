package org.amicus.core.submission.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** An upload's id (and its evidence file's). */
public record UploadId(UUID value) {
    public UploadId {
        Objects.requireNonNull(value, "value");
    }

    /** @throws IllegalArgumentException unless a canonical UUID */
    public static UploadId parse(String text) {
        return new UploadId(Uuids.parseCanonical(text, "an upload id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
