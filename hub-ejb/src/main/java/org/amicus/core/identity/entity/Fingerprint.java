package org.amicus.core.identity.entity;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OpenPGP v4 fingerprint (40 hex digits): how organisations are identified. {@link #grouped()}
 * gives the form operators read aloud to each other.
 */
public record Fingerprint(String hex) {

    private static final Pattern V4 = Pattern.compile("[0-9A-F]{40}");

    public Fingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!V4.matcher(hex).matches()) {
            throw new IllegalArgumentException("a fingerprint is 40 hexadecimal digits");
        }
    }

    /** Parses a fingerprint typed by a person: case and spaces do not matter. */
    public static Fingerprint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a fingerprint is 40 hexadecimal digits");
        }
        return new Fingerprint(text.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    public static Fingerprint of(byte[] bytes) {
        return new Fingerprint(HexFormat.of().withUpperCase().formatHex(bytes));
    }

    /** Ten groups of four, e.g. {@code 3A5C 19F2 …}, with a double space in the middle as GnuPG prints it. */
    public String grouped() {
        StringBuilder sb = new StringBuilder(50);
        for (int i = 0; i < 40; i += 4) {
            if (i > 0) {
                sb.append(i == 20 ? "  " : " ");
            }
            sb.append(hex, i, i + 4);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return hex;
    }
}
