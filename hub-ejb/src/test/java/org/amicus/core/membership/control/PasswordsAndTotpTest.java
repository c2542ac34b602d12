package org.amicus.core.membership.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PasswordsAndTotpTest {

    /** HOTP as RFC 4226 defines it (the node's implementation lives in the crypto unit and is tested there). */
    static int hotp(byte[] secret, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int o = h[19] & 0xf;
            return (((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff))
                    % 1_000_000;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final CredentialCrypto HOTP = new CredentialCrypto() {
        public String hashPassword(char[] p) {
            throw new UnsupportedOperationException();
        }

        public boolean passwordMatches(char[] p, String h) {
            throw new UnsupportedOperationException();
        }

        public byte[] newTotpSecret() {
            throw new UnsupportedOperationException();
        }

        public int hotp(byte[] secret, long counter) {
            return PasswordsAndTotpTest.hotp(secret, counter);
        }

        public byte[] seal(byte[] s) {
            throw new UnsupportedOperationException();
        }

        public byte[] unseal(byte[] s) {
            throw new UnsupportedOperationException();
        }
    };

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aCodeIsAcceptedInItsStepAndOneEitherSideOnly() {
        Instant t = Instant.ofEpochSecond(1111111109L); // RFC 6238: 07081804
        assertEquals(OptionalLong.of(t.getEpochSecond() / 30), Totp.matchingStep(HOTP, SECRET, "081804", t));
        assertEquals(
                OptionalLong.of(t.getEpochSecond() / 30), Totp.matchingStep(HOTP, SECRET, "081804", t.plusSeconds(30)));
        assertEquals(
                OptionalLong.of(t.getEpochSecond() / 30),
                Totp.matchingStep(HOTP, SECRET, "081804", t.minusSeconds(30)));
        assertEquals(OptionalLong.empty(), Totp.matchingStep(HOTP, SECRET, "081804", t.plusSeconds(90)));
        assertEquals(OptionalLong.empty(), Totp.matchingStep(HOTP, SECRET, "81804", t), "six digits exactly");
        assertEquals(OptionalLong.empty(), Totp.matchingStep(HOTP, SECRET, null, t));
        assertEquals(OptionalLong.empty(), Totp.matchingStep(HOTP, SECRET, "08180a", t));
    }

    @Test
    void theEnrolmentUriIsWhatAuthenticatorAppsRead() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(SECRET)); // RFC 6238's secret in base32
        String uri = Totp.uri("Amicus Centre A", "alice", SECRET);
        assertEquals(
                "otpauth://totp/Amicus%20Centre%20A:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Amicus%20Centre%20A&algorithm=SHA1&digits=6&period=30",
                uri);
    }

    @Test
    void passwordsNeedLengthNotComposition() {
        assertTrue(Passwords.weakness("short".toCharArray(), "alice").isPresent());
        assertTrue(Passwords.weakness("alice-is-my-password".toCharArray(), "alice")
                .isPresent());
        assertTrue(Passwords.weakness("aaaaaaaaaaaaaaaa".toCharArray(), "bob").isPresent());
        assertTrue(Passwords.weakness("x".repeat(257).toCharArray(), "bob").isPresent());
        assertTrue(Passwords.weakness("river stone lantern moss".toCharArray(), "alice")
                .isEmpty());
    }
}
