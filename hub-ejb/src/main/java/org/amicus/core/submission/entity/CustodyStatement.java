package org.amicus.core.submission.entity;

import java.util.Objects;

/**
 * How a file came into the submitter's hands, as the submitter states it: who collected it, when and where, and any
 * note on its handling. Free text, kept sealed; it becomes part of the file's first custody record.
 */
public record CustodyStatement(String collectedBy, String collectedAt, String collectedWhere, String notes) {

    public CustodyStatement {
        collectedBy = text(collectedBy, "collectedBy", 200, true);
        collectedAt = text(collectedAt, "collectedAt", 100, true);
        collectedWhere = text(collectedWhere, "collectedWhere", 200, true);
        notes = text(notes, "notes", 4000, false);
    }

    private static String text(String value, String name, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if ((required && v.isEmpty()) || v.length() > max) {
            throw new IllegalArgumentException(
                    "custody \"" + name + "\" is " + (required ? "required, " : "") + "at most " + max + " characters");
        }
        return Objects.requireNonNull(v);
    }
}
