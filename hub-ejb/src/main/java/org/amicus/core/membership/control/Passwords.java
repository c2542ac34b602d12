package org.amicus.core.membership.control;

import java.util.Locale;

/**
 * What a password must be (NIST SP 800-63B): at least 12 characters, at most 256, not the username, not
 * one character repeated. Nothing else is imposed: length protects better than composition rules.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private Passwords() {}

    /** Empty if acceptable, else why not, in words a person can act on. */
    public static java.util.Optional<String> weakness(char[] password, String username) {
        if (password == null || password.length < MIN_LENGTH) {
            return java.util.Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length > MAX_LENGTH) {
            return java.util.Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        String p = new String(password);
        if (p.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return java.util.Optional.of("a password must not contain the username");
        }
        if (p.chars().distinct().count() == 1) {
            return java.util.Optional.of("a password must not be one character repeated");
        }
        return java.util.Optional.empty();
    }
}
