package org.amicus.core.routing.entity;

import java.util.Locale;

/**
 * The Traffic Light Protocol 2.0 level of a message (FIRST, TLP 2.0). In TLP the level is a request to
 * the recipient; in Amicus it is enforced: the node computes who may receive, display and re-share from it.
 */
public enum TlpLevel {
    /** Recipients may share it without limit. */
    CLEAR("TLP:CLEAR", "may be shared without limit"),
    /** Recipients may share it within the community (here: the organisations of the federation), not publicly. */
    GREEN("TLP:GREEN", "may be shared with organisations of the federation, not publicly"),
    /** Recipients may share it within their own organisation on a need-to-know basis, not with others. */
    AMBER(
            "TLP:AMBER",
            "only for the recipient organisations; they may share it inside their organisation on a"
                    + " need-to-know basis, not with other organisations"),
    /** Recipients may share it only within their own organisation: it never leaves it. */
    AMBER_STRICT("TLP:AMBER+STRICT", "only for the recipient organisations; it never leaves them"),
    /** For the named persons only: no further disclosure, not even inside their organisation. */
    RED("TLP:RED", "for the named persons only; no further disclosure, not even inside their organisation");

    private final String label;
    private final String meaning;

    TlpLevel(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The label as TLP 2.0 writes it, e.g. {@code TLP:AMBER+STRICT}. */
    public String label() {
        return label;
    }

    /** What the level means for a recipient, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** Whether a recipient may pass the material on to another organisation at all (re-share). */
    public boolean mayLeaveRecipientOrganisation() {
        return this == CLEAR || this == GREEN || this == AMBER;
    }

    /** Whether the distribution "every organisation of the federation" fits this level. */
    public boolean allowsFederationWide() {
        return this == CLEAR || this == GREEN;
    }

    /**
     * Parses {@code AMBER+STRICT}, {@code TLP:AMBER+STRICT}, {@code amber_strict} and the like; anything else
     * is refused with an {@link InvalidMarkingException}.
     */
    public static TlpLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMarkingException("a marking needs a TLP level: CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TLP:")) {
            t = t.substring(4);
        }
        t = t.replace('+', '_');
        for (TlpLevel l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        throw new InvalidMarkingException(
                "unknown TLP level '" + text.strip() + "': CLEAR, GREEN, AMBER, AMBER+STRICT or RED");
    }
}
