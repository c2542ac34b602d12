package org.amicus.core.identity.boundary;

import java.time.Instant;
import java.util.Objects;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * A CDI event: an organisation key in the directory has just become revoked (fired once, in the transaction
 * that records it). Other capabilities act on it without the key directory knowing them: federation stops
 * admitting the key's node and reports what waited for it undeliverable.
 */
public record KeyRevoked(Fingerprint fingerprint, Instant at) {

    public KeyRevoked {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(at, "at");
    }
}
