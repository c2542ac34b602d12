package org.amicus.core.submission.entity;

import java.util.Locale;

/**
 * Where one item's file stands: on the submitting node {@link #READY} then {@link #SHIPPED} (held by the broker), or
 * {@link #ALTERED} if the file kept no longer had its SHA-256 at intake when it was to be sent (never sent); on the
 * receiving node {@link #PENDING} until it arrived and was opened against the manifest, then {@link #VERIFIED} or
 * {@link #REFUSED}.
 */
public enum ItemState {
    READY,
    SHIPPED,
    ALTERED,
    PENDING,
    VERIFIED,
    REFUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
