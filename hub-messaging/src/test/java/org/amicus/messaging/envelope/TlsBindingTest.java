package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node's TLS key bound to its organisation: accepted only as signed, for that key, until expiry. */
class TlsBindingTest {

    private static final String NODE = "0a0a0a0a-0000-4000-8000-000000000001";
    private static OrganisationKey organisation;
    private static OrganisationKey other;
    private static KeyPair tls;
    private static KeyPair otherTls;

    @BeforeAll
    static void keys() throws Exception {
        organisation = aKeyFor("Amicus node " + NODE + " (A)");
        other = aKeyFor("Other");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        tls = ec.generateKeyPair();
        otherTls = ec.generateKeyPair();
    }

    @Test
    void aSignedBindingVerifiesForItsKeyUntilItExpires() throws Exception {
        Instant now = Instant.now();
        TlsBinding binding = TlsBinding.of(NODE, tls.getPublic(), now.plus(Duration.ofDays(365)));
        byte[] signature = binding.sign(organisation.unlock(PASS));

        TlsBinding verified = TlsBinding.verify(
                binding.canonicalBytes(), signature, organisation.certificate(), tls.getPublic(), now);

        assertEquals(binding, verified);
        assertTrue(new String(binding.canonicalBytes(), StandardCharsets.UTF_8).startsWith("{\"nodeId\":\"" + NODE));
        assertRefused(
                "expired",
                () -> TlsBinding.verify(
                        binding.canonicalBytes(),
                        signature,
                        organisation.certificate(),
                        tls.getPublic(),
                        now.plus(Duration.ofDays(366))));
    }

    @Test
    void anotherKeyAnotherSignerOrAnAlteredBindingIsRefused() throws Exception {
        Instant now = Instant.now();
        TlsBinding binding = TlsBinding.of(NODE, tls.getPublic(), now.plus(Duration.ofDays(30)));
        byte[] signature = binding.sign(organisation.unlock(PASS));
        byte[] canonical = binding.canonicalBytes();

        assertRefused(
                "not the one the organisation bound",
                () -> TlsBinding.verify(canonical, signature, organisation.certificate(), otherTls.getPublic(), now));
        assertRefused(
                "not signed by organisation",
                () -> TlsBinding.verify(canonical, signature, other.certificate(), tls.getPublic(), now));
        byte[] longer = TlsBinding.of(NODE, tls.getPublic(), now.plus(Duration.ofDays(3000)))
                .canonicalBytes();
        assertRefused(
                "not signed by organisation",
                () -> TlsBinding.verify(longer, signature, organisation.certificate(), tls.getPublic(), now));
        byte[] spaced =
                (new String(canonical, StandardCharsets.UTF_8).replace(",", ", ")).getBytes(StandardCharsets.UTF_8);
        assertRefused(
                "canonical form",
                () -> TlsBinding.verify(spaced, signature, organisation.certificate(), tls.getPublic(), now));
        assertRefused(
                "not signed by organisation",
                () -> TlsBinding.verify(
                        canonical, new byte[] {1, 2, 3}, organisation.certificate(), tls.getPublic(), now));
    }

    private static void assertRefused(String why, org.junit.jupiter.api.function.Executable verification) {
        TlsBinding.BindingRefusedException e = assertThrows(TlsBinding.BindingRefusedException.class, verification);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
