package org.amicus.core.identity.boundary;

import org.amicus.core.identity.entity.TrustState;

/** What opening an envelope needs of a sender: its certificate and its trust state. */
public record KnownKey(String certificate, TrustState state) {

    public boolean revoked() {
        return state == TrustState.REVOKED;
    }
}
