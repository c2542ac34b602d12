package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrganisationKeyTest {

    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static OrganisationKey key;

    @BeforeAll
    static void generate() throws Exception {
        key = OrganisationKey.generate("Amicus node test (Org A)", NOW, Duration.ofDays(7), PASSPHRASE);
    }

    @Test
    void theEncryptionSubkeyExpiresAfterTheRotationPeriod() {
        var subkeys = key.encryptionSubkeys(NOW.plus(1, ChronoUnit.DAYS));

        assertEquals(1, subkeys.size());
        assertEquals(NOW, subkeys.get(0).created());
        assertEquals(NOW.plus(7, ChronoUnit.DAYS), subkeys.get(0).expires());
        assertNotEquals(key.fingerprint(), subkeys.get(0).fingerprint());
        assertTrue(key.encryptionSubkeys(NOW.plus(8, ChronoUnit.DAYS)).isEmpty(), "expired subkeys are not offered");
    }

    @Test
    void everySecretPartIsStoredEncrypted() throws Exception {
        PGPSecretKeyRing ring = new PGPSecretKeyRing(key.protectedSecretKey(), new BcKeyFingerprintCalculator());

        int secrets = 0;
        for (PGPSecretKey secret : ring) {
            secrets++;
            assertNotEquals(0, secret.getS2KUsage(), "secret key material must never be stored in the clear");
            System.out.println("S2K usage " + secret.getS2KUsage() + " type "
                    + secret.getS2K().getType() + " hash "
                    + secret.getS2K().getHashAlgorithm() + " cipher " + secret.getKeyEncryptionAlgorithm()
                    + " count " + secret.getS2K().getIterationCount());
        }
        assertEquals(2, secrets);
    }

    @Test
    void theStoredKeyReadsBackAndOnlyTheRightPassphraseUnlocksIt() throws Exception {
        OrganisationKey stored = OrganisationKey.read(key.protectedSecretKey());

        assertEquals(key.fingerprint(), stored.fingerprint());
        stored.checkPassphrase(PASSPHRASE);
        var wrong = assertThrows(
                KeyProtectionException.class, () -> stored.checkPassphrase("wrong passphrase".toCharArray()));
        assertEquals(KeyProtectionException.Reason.WRONG_PASSPHRASE, wrong.reason());
        var empty = assertThrows(KeyProtectionException.class, () -> stored.checkPassphrase(new char[0]));
        assertEquals(KeyProtectionException.Reason.EMPTY_PASSPHRASE, empty.reason());
    }

    @Test
    void unlockingNeedsTheRightPassphrase() throws Exception {
        assertEquals(key.fingerprint(), key.unlock(PASSPHRASE).fingerprint());
        var wrong = assertThrows(KeyProtectionException.class, () -> key.unlock("wrong passphrase".toCharArray()));
        assertEquals(KeyProtectionException.Reason.WRONG_PASSPHRASE, wrong.reason());
        assertTrue(!key.unlock(PASSPHRASE).toString().contains("PRIVATE"));
    }

    @Test
    void garbageAndPublicCertificatesAreNotSecretKeys() {
        var garbage = assertThrows(
                KeyProtectionException.class, () -> OrganisationKey.read("not a key".getBytes(StandardCharsets.UTF_8)));
        assertEquals(KeyProtectionException.Reason.UNREADABLE, garbage.reason());

        var certificate = assertThrows(
                KeyProtectionException.class,
                () -> OrganisationKey.read(key.armoredCertificate().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(KeyProtectionException.Reason.NOT_A_SECRET_KEY, certificate.reason());
    }

    @Test
    void aShortPassphraseIsRefusedAtCreation() {
        var e = assertThrows(
                KeyProtectionException.class,
                () -> OrganisationKey.generate("x", NOW, Duration.ofDays(7), "short".toCharArray()));
        assertEquals(KeyProtectionException.Reason.WEAK_PASSPHRASE, e.reason());
    }

    @Test
    void theCertificateIsArmoredAndCarriesNoSecret() {
        String armored = key.armoredCertificate();

        assertTrue(armored.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"), armored);
        assertTrue(!armored.contains("PRIVATE"));
    }

    @Test
    void fingerprintsAreGroupedForReadingAloud() {
        Fingerprint f = Fingerprint.parse("3a5c 19f2 0000 1111 2222 3333 4444 5555 6666 7777");

        assertEquals("3A5C19F2000011112222333344445555666677777".substring(0, 40), f.hex());
        assertEquals("3A5C 19F2 0000 1111 2222  3333 4444 5555 6666 7777", f.grouped());
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("3A5C"));
    }
}
