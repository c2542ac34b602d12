package org.amicus.core.bulletin.entity;

import java.util.Locale;

/**
 * Where a bulletin stands. On its publisher's node: a draft, submitted for review, approved and waiting for its time
 * (scheduled), published. On a recipient's node: published (as received).
 */
public enum BulletinState {
    DRAFT,
    IN_REVIEW,
    SCHEDULED,
    PUBLISHED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
