package org.amicus.core.submission.entity;

import java.util.Locale;

/**
 * What a witness or source consented to their statement or material being used for (docs/submissions.md): as a
 * lead, as evidence, disclosure of their identity to the receiving body, being contacted again, and sharing with
 * other bodies. Nothing is consented to unless named.
 */
public enum ConsentUse {
    LEAD,
    EVIDENCE,
    IDENTITY_DISCLOSURE,
    RE_CONTACT,
    SHARING;

    /** {@code identity-disclosure}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ConsentUse parse(String text) {
        for (ConsentUse u : values()) {
            if (u.wireName().equals(text)) {
                return u;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a use a source can consent to (lead, evidence,"
                + " identity-disclosure, re-contact, sharing)");
    }
}
