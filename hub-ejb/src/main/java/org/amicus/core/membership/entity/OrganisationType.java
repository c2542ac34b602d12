package org.amicus.core.membership.entity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What kind of organisation runs a node. It is part of the organisation's signed statement on its peering
 * card (docs/protocol/federation.md §3), so a peer cannot claim to be a justice mechanism without its
 * organisation key saying so.
 */
public enum OrganisationType {
    /** A civil-society organisation documenting crimes, supporting survivors and witnesses. */
    CIVIL_SOCIETY("civil-society organisation"),
    /** An international court, investigative mechanism or prosecution service. */
    JUSTICE_MECHANISM("justice mechanism"),
    /** An international non-governmental organisation. */
    INTERNATIONAL_NGO("international NGO"),
    /** An organisation that only relays envelopes for others (it reads none of them). */
    RELAY_OPERATOR("relay operator");

    private final String label;

    OrganisationType(String label) {
        this.label = label;
    }

    /** The name used in the API, on cards and in configuration: {@code justice-mechanism}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** In plain words, for people. */
    public String label() {
        return label;
    }

    public static OrganisationType parse(String text) {
        if (text != null) {
            String n = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            for (OrganisationType t : values()) {
                if (t.name().equals(n)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown organisation type '" + text + "'; the types are "
                + EnumSet.allOf(OrganisationType.class).stream()
                        .map(OrganisationType::wireName)
                        .collect(Collectors.joining(", ")));
    }
}
