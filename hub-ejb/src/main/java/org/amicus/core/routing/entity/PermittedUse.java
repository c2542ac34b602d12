package org.amicus.core.routing.entity;

import java.util.Locale;

/** What recipients may use the material for, as the confidentiality agreement it was shared under says. */
public enum PermittedUse {
    /** No restriction beyond the level and distribution. */
    ANY("any use the level allows"),
    /** A lead for the recipient's own inquiries: not to be used as evidence or cited. */
    LEAD_ONLY("a lead only: not to be used as evidence or cited"),
    /** Background knowledge: not to be acted upon, cited or used as evidence. */
    BACKGROUND_ONLY("background only: not to be acted upon, cited or used as evidence");

    private final String meaning;

    PermittedUse(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public static PermittedUse parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (PermittedUse u : values()) {
            if (u.name().equals(t)) {
                return u;
            }
        }
        throw new InvalidMarkingException(
                "unknown permitted use '" + text.strip() + "': any, lead-only or background-only");
    }
}
