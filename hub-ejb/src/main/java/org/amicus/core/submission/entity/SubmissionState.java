package org.amicus.core.submission.entity;

import java.util.Locale;

/**
 * Where a submission stands. On the submitting node: {@link #DRAFT}, {@link #SENDING} (its files going to the broker),
 * {@link #SENT} (all queued, or held back as altered after intake), then {@link #RECEIVED} when a signed receipt naming
 * every file as verified came back, or {@link #REFUSED} when the receipt names a file the recipient could not verify
 * or its submitter held back. On the receiving node:
 * {@link #ARRIVING} until every file is verified, then {@link #RECEIVED} (the receipt is sent) or {@link #REFUSED}.
 */
public enum SubmissionState {
    DRAFT,
    SENDING,
    SENT,
    ARRIVING,
    RECEIVED,
    REFUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
