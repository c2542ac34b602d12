package org.amicus.core.submission.entity;

import java.util.Objects;
import java.util.UUID;
import org.amicus.core.node.entity.Uuids;

/** A submission's id, the same on the submitting and the receiving node. */
public record SubmissionId(UUID value) {
    public SubmissionId {
        Objects.requireNonNull(value, "value");
    }

    public static SubmissionId random() {
        return new SubmissionId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless a canonical UUID */
    public static SubmissionId parse(String text) {
        return new SubmissionId(Uuids.parseCanonical(text, "a submission id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
