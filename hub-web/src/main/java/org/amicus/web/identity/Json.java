package org.amicus.web.identity;

import java.time.Instant;

final class Json {
    private Json() {}

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String text(Instant value) {
        return value == null ? null : value.toString();
    }
}
