package org.amicus.core.alert.entity;

import java.util.Locale;

/**
 * Where an alert stands: active until its issuer withdraws it or its validity ends (expired is worked out from
 * the validity and the clock, never stored, so it needs no job to be right).
 */
public enum AlertStatus {
    ACTIVE,
    WITHDRAWN,
    EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
