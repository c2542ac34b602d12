package org.amicus.web.identity;

/** Wire values: absent facts (never verified, no expiry) are JSON null. */
final class Json {
    private Json() {}

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
