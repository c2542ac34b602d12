package org.amicus.core.alert.entity;

import java.util.Locale;

/** How serious a threat is; critical alerts are listed first and escalate soonest by default. */
public enum Severity {
    INFORMATION,
    WARNING,
    CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidAlertException naming the severities */
    public static Severity parse(String text) {
        if (text != null) {
            for (Severity s : values()) {
                if (s.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new InvalidAlertException(
                (text == null || text.isBlank() ? "an alert needs a severity" : "unknown severity '" + text + "'")
                        + ": information, warning or critical");
    }
}
