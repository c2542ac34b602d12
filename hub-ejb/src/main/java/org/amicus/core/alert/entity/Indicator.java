package org.amicus.core.alert.entity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Something an organisation can check for itself: a phishing sender, a malicious domain, a URL, an IP address or a
 * file's SHA-256. Exported to STIX 2.1 as an indicator with the matching pattern.
 */
public record Indicator(Kind kind, String value) {

    public static final int MAX_LENGTH = 2048;

    /** The kinds of indicator and how STIX 2.1 patterns write each. */
    public enum Kind {
        DOMAIN("domain-name:value"),
        URL("url:value"),
        IPV4("ipv4-addr:value"),
        IPV6("ipv6-addr:value"),
        EMAIL_SENDER("email-message:from_ref.value"),
        FILE_SHA256("file:hashes.'SHA-256'");

        private final String stixPath;

        Kind(String stixPath) {
            this.stixPath = stixPath;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public String stixPath() {
            return stixPath;
        }

        public static Kind parse(String text) {
            if (text != null) {
                for (Kind k : values()) {
                    if (k.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                        return k;
                    }
                }
            }
            throw new InvalidAlertException(
                    "unknown indicator type '" + text + "': domain, url, ipv4, ipv6, email-sender or file-sha256");
        }
    }

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SAFE = Pattern.compile("[^'\\\\\\p{Cntrl}\\s]+");

    public Indicator {
        if (kind == null || value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidAlertException(
                    "an indicator has a type and a value of at most " + MAX_LENGTH + " characters");
        }
        value = value.strip();
        if (!SAFE.matcher(value).matches()) {
            throw new InvalidAlertException(
                    "an indicator's value has no spaces, quotes, backslashes or control" + " characters");
        }
        if (kind == Kind.FILE_SHA256 && !SHA256.matcher(value).matches()) {
            throw new InvalidAlertException("a file-sha256 indicator is 64 hexadecimal digits");
        }
    }

    /** The STIX 2.1 pattern that matches this indicator, e.g. {@code [domain-name:value = 'example.org']}. */
    public String stixPattern() {
        return "[" + kind.stixPath() + " = '" + value + "']";
    }

    /** Reads a pattern {@link #stixPattern} wrote; empty for any other pattern. */
    public static java.util.Optional<Indicator> fromStixPattern(String pattern) {
        if (pattern == null) {
            return java.util.Optional.empty();
        }
        String p = pattern.strip();
        for (Kind k : Kind.values()) {
            String head = "[" + k.stixPath() + " = '";
            if (p.startsWith(head) && p.endsWith("']")) {
                String v = p.substring(head.length(), p.length() - 2);
                try {
                    return java.util.Optional.of(new Indicator(k, v));
                } catch (InvalidAlertException e) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }
}
