package org.amicus.core.alert.entity;

import java.util.Locale;

/** What kind of threat an alert is about. */
public enum ThreatCategory {
    DIGITAL,
    PHYSICAL,
    LEGAL,
    POLITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidAlertException naming the categories */
    public static ThreatCategory parse(String text) {
        if (text != null) {
            for (ThreatCategory c : values()) {
                if (c.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
        }
        throw new InvalidAlertException(
                (text == null || text.isBlank() ? "an alert needs a category" : "unknown category '" + text + "'")
                        + ": digital, physical, legal or political");
    }
}
