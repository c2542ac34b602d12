package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    /**
     * Made with the reference implementation (Debian's argon2 1.0, phc-winner-argon2):
     * {@code echo -n "correct horse battery" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e}.
     */
    private static final String REFERENCE =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$iPOQ5f2O21FsjnBvo1AiFcDuSXciCnKUrXFO+yfgNoM";

    @Test
    void aHashFromTheReferenceImplementationVerifies() {
        assertTrue(Credentials.passwordMatches("correct horse battery".toCharArray(), REFERENCE));
        assertFalse(Credentials.passwordMatches("correct horse batterz".toCharArray(), REFERENCE));
    }

    @Test
    void aNewHashIsArgon2idWithOwaspSettingsAndAFreshSalt() {
        char[] pw = "a long enough password".toCharArray();
        String h1 = Credentials.hashPassword(pw);
        String h2 = Credentials.hashPassword(pw);
        assertTrue(h1.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), h1);
        assertNotEquals(h1, h2, "each hash has its own salt");
        assertTrue(Credentials.passwordMatches(pw, h1));
        assertTrue(Credentials.passwordMatches(pw, h2));
        assertFalse(Credentials.passwordMatches("a long enough passwore".toCharArray(), h1));
    }

    @Test
    void malformedOrAbsurdHashesMatchNothing() {
        char[] pw = "whatever it is".toCharArray();
        assertFalse(Credentials.passwordMatches(pw, null));
        assertFalse(Credentials.passwordMatches(pw, ""));
        assertFalse(Credentials.passwordMatches(pw, "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$abc"));
        assertFalse(Credentials.passwordMatches(pw, REFERENCE.replace("m=19456", "m=9999999")), "no memory bomb");
        assertFalse(Credentials.passwordMatches(pw, "plain text password"));
    }

    @Test
    void hotpMatchesRfc4226() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        int[] expected = {755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Credentials.hotp(secret, i), "counter " + i);
        }
    }

    @Test
    void totpMatchesRfc6238ForSha1() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        // RFC 6238 appendix B gives 8 digits; authenticator apps show the last 6
        assertEquals(287082, Credentials.hotp(secret, 59 / 30));
        assertEquals(81804, Credentials.hotp(secret, 1111111109L / 30));
        assertEquals(50471, Credentials.hotp(secret, 1111111111L / 30));
        assertEquals(5924, Credentials.hotp(secret, 1234567890L / 30));
        assertEquals(279037, Credentials.hotp(secret, 2000000000L / 30));
    }

    @Test
    void sealedSecretsOpenOnlyWithTheirKeyAndUnaltered() {
        byte[] key = Credentials.randomSecret(32);
        byte[] secret = Credentials.randomSecret(20);
        byte[] sealed = Credentials.seal(key, secret);
        assertArrayEquals(secret, Credentials.unseal(key, sealed));
        assertNotEquals(
                new String(sealed, StandardCharsets.ISO_8859_1),
                new String(Credentials.seal(key, secret), StandardCharsets.ISO_8859_1));

        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> Credentials.unseal(key, sealed));
        assertThrows(
                IllegalArgumentException.class,
                () -> Credentials.unseal(Credentials.randomSecret(32), Credentials.seal(key, secret)));
        assertThrows(IllegalArgumentException.class, () -> Credentials.unseal(key, new byte[5]));
    }
}
