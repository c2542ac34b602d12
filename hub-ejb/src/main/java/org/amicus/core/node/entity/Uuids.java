package org.amicus.core.node.entity;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Strict parsing of identifiers: only the canonical lower-case 8-4-4-4-12 form is accepted. */
public final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Uuids() {}

    public static UUID parseCanonical(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!CANONICAL.matcher(lower).matches()) {
            throw new IllegalArgumentException(what + " must be a UUID such as 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b");
        }
        return UUID.fromString(lower);
    }
}
