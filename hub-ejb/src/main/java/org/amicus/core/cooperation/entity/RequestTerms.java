package org.amicus.core.cooperation.entity;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a cooperation request asks and offers: its subject; its scope (crimes, region, period); the legal basis;
 * what is needed; the confidentiality terms offered; a contact person. Content: it travels sealed and is kept
 * sealed on each node, never in a database column in clear.
 */
public record RequestTerms(
        String subject,
        List<String> crimes,
        String region,
        Optional<LocalDate> periodFrom,
        Optional<LocalDate> periodTo,
        String legalBasis,
        List<String> needed,
        String confidentiality,
        String contact) {

    public static final int MAX_TEXT = 4000;
    public static final int MAX_ITEMS = 50;

    /** @throws IllegalArgumentException naming the first field that is missing or too long */
    public RequestTerms {
        subject = text("subject", subject, 200, true);
        crimes = items("crimes", crimes);
        region = text("region", region, 500, false);
        periodFrom = periodFrom == null ? Optional.empty() : periodFrom;
        periodTo = periodTo == null ? Optional.empty() : periodTo;
        if (periodFrom.isPresent() && periodTo.isPresent() && periodTo.get().isBefore(periodFrom.get())) {
            throw new IllegalArgumentException("the period ends before it begins");
        }
        legalBasis = text("legalBasis", legalBasis, MAX_TEXT, true);
        needed = items("needed", needed);
        if (needed.isEmpty()) {
            throw new IllegalArgumentException("needed: name at least one kind of material or help asked for");
        }
        confidentiality = text("confidentiality", confidentiality, MAX_TEXT, true);
        contact = text("contact", contact, 500, true);
    }

    private static String text(String name, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(name + " has at most " + max + " characters");
        }
        return v;
    }

    private static List<String> items(String name, List<String> values) {
        List<String> list = values == null
                ? List.of()
                : values.stream().map(s -> s == null ? "" : s.strip()).toList();
        if (list.size() > MAX_ITEMS || list.stream().anyMatch(s -> s.isEmpty() || s.length() > 500)) {
            throw new IllegalArgumentException(name + ": up to " + MAX_ITEMS + " entries of 1 to 500 characters each");
        }
        return list;
    }
}
