package org.amicus.core.federation.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A peer's TLS certificate as this node trusts it: the certificate (PEM), the SHA-256 of its public key
 * (what the connection is pinned to) and until when the peer's organisation vouches for it.
 */
public record TlsPin(String certificatePem, String spkiSha256, Instant validUntil) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public TlsPin {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(validUntil, "validUntil");
        if (spkiSha256 == null || !HEX64.matcher(spkiSha256).matches()) {
            throw new IllegalArgumentException("a TLS pin is 64 lower-case hex digits");
        }
    }
}
