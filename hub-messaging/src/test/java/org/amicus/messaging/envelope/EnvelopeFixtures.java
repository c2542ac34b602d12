package org.amicus.messaging.envelope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.identity.entity.Fingerprint;

/** Test data for the crypto unit, named for what it is. */
final class EnvelopeFixtures {

    static final char[] PASS = "a long operator passphrase".toCharArray();
    static final String NODE_A = "0a0a0a0a-0000-4000-8000-000000000001";
    static final String NODE_B = "0b0b0b0b-0000-4000-8000-000000000002";

    private EnvelopeFixtures() {}

    /** A new key, valid from a minute ago, with a 7-day encryption subkey. */
    static OrganisationKey aKeyFor(String organisation) throws KeyProtectionException {
        return OrganisationKey.generate(organisation, Instant.now().minusSeconds(60), Duration.ofDays(7), PASS);
    }

    /** A header from {@code from} to the given (sorted) recipients, valid for a day from now. */
    static EnvelopeHeader aHeader(Fingerprint from, List<Fingerprint> to) {
        Instant now = Instant.now();
        return new EnvelopeHeader(
                UUID.randomUUID(),
                from,
                NODE_A,
                to,
                List.of(NODE_B),
                now,
                now.plus(Duration.ofDays(1)),
                Priority.NORMAL);
    }

    /** A record of opened envelopes that remembers nothing (for tests that open each envelope once). */
    static SeenEnvelopes aForgetfulRecord() {
        return SeenEnvelopes.none();
    }

    /** A recipient whose key directory knows exactly {@code known} (or nothing, when null). */
    static Envelopes.Recipient aRecipient(UnlockedOrganisationKey key, OrganisationCertificate known) {
        return new Envelopes.Recipient(
                key,
                f -> known != null && known.fingerprint().equals(f)
                        ? Optional.of(new KeyDirectoryView.Entry(known, false))
                        : Optional.empty(),
                aForgetfulRecord(),
                Clock.systemUTC(),
                64L * 1024 * 1024);
    }
}
