package org.amicus.core.federation.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an export continues: the last entry of an earlier bundle, an envelope (its id) or a part of a file beside an
 * envelope (its name, {@code <envelope id>/<file>} or {@code <envelope id>/<file>/<part>}, federation.md §3.8).
 */
public record BundleAnchor(String value) {

    private static final Pattern FORM = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/f[0-9]{1,4}(/[1-9][0-9]{0,4})?)?");

    public BundleAnchor {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not an envelope id or the name of a part of a file");
        }
    }

    /**
     * Reads an anchor as the operator gives it (an envelope id in any case, or a part's name).
     *
     * @throws IllegalArgumentException naming {@code what} if it is neither
     */
    public static BundleAnchor parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int slash = text.indexOf('/');
        String normal = slash < 0
                ? text.toLowerCase(Locale.ROOT)
                : text.substring(0, slash).toLowerCase(Locale.ROOT) + text.substring(slash);
        if (!FORM.matcher(normal).matches()) {
            throw new IllegalArgumentException(what + " must be the last entry of an earlier bundle: an envelope id"
                    + " such as 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b or a part of a file such as"
                    + " 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b/f1/2");
        }
        return new BundleAnchor(normal);
    }

    /** The envelope this entry is, or the one the part of a file belongs to. */
    public java.util.UUID envelope() {
        int slash = value.indexOf('/');
        return java.util.UUID.fromString(slash < 0 ? value : value.substring(0, slash));
    }

    /** Whether this entry is a part of a file rather than an envelope. */
    public boolean isPart() {
        return value.indexOf('/') >= 0;
    }

    /** The file ({@code f1}, …) of a part; empty for an envelope. */
    public java.util.Optional<String> fileRef() {
        String[] fields = value.split("/");
        return fields.length < 2 ? java.util.Optional.empty() : java.util.Optional.of(fields[1]);
    }

    /** The number of a part within its file (0 for the first, which is named without one); 0 for an envelope. */
    public int part() {
        String[] fields = value.split("/");
        return fields.length == 3 ? Integer.parseInt(fields[2]) : 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
