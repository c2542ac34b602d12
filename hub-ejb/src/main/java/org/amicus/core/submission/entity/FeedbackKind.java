package org.amicus.core.submission.entity;

import java.util.Locale;

/**
 * What a piece of feedback under a submission says (docs/submissions.md): the recipient's structured steps (received,
 * assessed, relevance, gaps against the evidence standard it applies, used as a lead) and free-text messages, which
 * either side may write.
 */
public enum FeedbackKind {
    RECEIVED,
    ASSESSED,
    RELEVANCE,
    GAPS,
    USED_AS_LEAD,
    MESSAGE;

    /** Only the recipient of the submission gives structured feedback; both sides write messages. */
    public boolean recipientOnly() {
        return this != MESSAGE;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static FeedbackKind parse(String text) {
        for (FeedbackKind k : values()) {
            if (k.wireName().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a kind of feedback (received, assessed, relevance,"
                + " gaps, used-as-lead, message)");
    }
}
