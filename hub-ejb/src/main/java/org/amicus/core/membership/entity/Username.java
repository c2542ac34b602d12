package org.amicus.core.membership.entity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name a person signs in with: 2 to 40 lower-case letters, digits, dots, hyphens or underscores,
 * starting with a letter. Case is folded, so {@code Alice} and {@code alice} are one account.
 */
public record Username(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9._-]{1,39}");

    public Username {
        if (value == null) {
            throw new IllegalArgumentException("a username is needed");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a username is 2 to 40 letters, digits, '.', '-' or '_', starting with a letter");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
