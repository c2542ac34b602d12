package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.InvalidCertificateException;
import org.amicus.core.identity.control.InvalidCertificateException.Reason;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checks the key directory relies on, against certificates an attacker could craft. */
class CertificatesTest {

    private static final OpenPGPApi API = new BcOpenPGPApi();
    private static OrganisationKey alice;
    private static OrganisationKey mallory;

    @BeforeAll
    static void keys() throws Exception {
        alice = aKeyFor("Amicus node 0a0a0a0a-0000-4000-8000-000000000001 (Alice Documentation Centre)");
        mallory = aKeyFor("Mallory");
    }

    @Test
    void readsWhatTheDirectoryShows() {
        CertificateFacts facts = Certificates.inspect(ascii(alice.armoredCertificate()));

        assertEquals(alice.fingerprint(), facts.fingerprint());
        assertEquals("Alice Documentation Centre", facts.displayName());
        assertEquals(
                "0a0a0a0a-0000-4000-8000-000000000001",
                facts.node().orElseThrow().toString());
        assertEquals(1, facts.encryptionSubkeys().size());
        assertTrue(facts.canReceiveAt(Instant.now()));
        assertFalse(facts.isRevoked());
        assertTrue(facts.ignoredSubkeys().isEmpty());
        assertFalse(facts.canReceiveAt(Instant.now().plus(Duration.ofDays(8))), "the subkey expires after 7 days");
    }

    @Test
    void garbageAndSecretKeysAreRefused() {
        assertEquals(Reason.UNREADABLE, refusal(() -> Certificates.inspect(ascii("not a key"))));
        assertEquals(Reason.UNREADABLE, refusal(() -> Certificates.inspect(new byte[] {(byte) 0x99, 1, 2})));
        assertEquals(Reason.SECRET_KEY, refusal(() -> Certificates.inspect(alice.protectedSecretKey())));
    }

    @Test
    void aSubkeyBoundByAnotherKeyIsDroppedAndNamed() throws Exception {
        PGPKeyPair sneaky = new BcPGPKeyPairGeneratorProvider()
                .get(PublicKeyPacket.VERSION_4, new Date())
                .generateLegacyX25519KeyPair()
                .asSubkey(new BcKeyFingerprintCalculator());
        PGPKeyPair malloryPrimary =
                mallory.openPgp().getPrimarySecretKey().unlock(PASS.clone()).getKeyPair();
        PGPPublicKey victim = alice.openPgp().getPrimaryKey().getPGPPublicKey();
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new BcPGPContentSignerBuilder(malloryPrimary.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
                malloryPrimary.getPublicKey());
        generator.init(PGPSignature.SUBKEY_BINDING, malloryPrimary.getPrivateKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        hashed.setIssuerFingerprint(false, malloryPrimary.getPublicKey());
        generator.setHashedSubpackets(hashed.generate());
        PGPSignature binding = generator.generateCertification(victim, sneaky.getPublicKey());
        PGPPublicKeyRing forged = PGPPublicKeyRing.insertPublicKey(
                alice.openPgp().getPGPPublicKeyRing(), PGPPublicKey.addCertification(sneaky.getPublicKey(), binding));

        CertificateFacts facts = Certificates.merge(alice.armoredCertificate(), forged.getEncoded());

        Fingerprint sneakyFingerprint = Fingerprint.of(sneaky.getPublicKey().getFingerprint());
        assertEquals(List.of(sneakyFingerprint), facts.ignoredSubkeys());
        assertEquals(1, facts.encryptionSubkeys().size());
        assertFalse(facts.encryptionSubkeys().get(0).fingerprint().equals(sneakyFingerprint));
        assertTrue(Certificates.inspect(ascii(facts.armored())).ignoredSubkeys().isEmpty(), "not stored");
    }

    @Test
    void aNewSubkeyCertifiedByThePrimaryIsTaken() throws Exception {
        OpenPGPKey rotated =
                API.editKey(alice.openPgp(), PASS.clone()).addEncryptionSubkey().done();
        CertificateFacts facts = Certificates.merge(
                alice.armoredCertificate(), rotated.toCertificate().getEncoded(PacketFormat.ROUNDTRIP));

        assertEquals(2, facts.encryptionSubkeys().size());
        assertTrue(facts.ignoredSubkeys().isEmpty());
    }

    @Test
    void aRevocationIsHonoured_inAnUpdatedCertificateOrOnItsOwn() throws Exception {
        OpenPGPKey revoked =
                API.editKey(alice.openPgp(), PASS.clone()).revokeKey().done();
        byte[] updated = revoked.toCertificate().getEncoded(PacketFormat.ROUNDTRIP);

        CertificateFacts merged = Certificates.merge(alice.armoredCertificate(), updated);
        assertNotNull(merged.revoked());
        assertFalse(merged.canReceiveAt(Instant.now()));

        byte[] bare = bareRevocation(revoked);
        assertEquals(alice.fingerprint(), Certificates.revocationIssuer(bare).orElseThrow());
        assertNotNull(Certificates.merge(alice.armoredCertificate(), bare).revoked());
    }

    @Test
    void aForgedRevocationIsIgnored() throws Exception {
        OpenPGPKey revoked =
                API.editKey(alice.openPgp(), PASS.clone()).revokeKey().done();
        PGPSignature genuine = revoked.getPrimaryKey()
                .getPGPPublicKey()
                .getSignaturesOfType(PGPSignature.KEY_REVOCATION)
                .next();
        byte[] encoded = genuine.getEncoded();
        encoded[encoded.length - 3] ^= 0x01; // flip a bit of the signature value

        CertificateFacts merged = Certificates.merge(alice.armoredCertificate(), encoded);

        assertNull(merged.revoked());
        assertTrue(merged.canReceiveAt(Instant.now()));
    }

    @Test
    void aRevocationMadeByAnotherKeyIsNotAcceptedForThisOne() throws Exception {
        OpenPGPKey malloryRevoked =
                API.editKey(mallory.openPgp(), PASS.clone()).revokeKey().done();

        assertEquals(
                mallory.fingerprint(),
                Certificates.revocationIssuer(bareRevocation(malloryRevoked)).orElseThrow());
        assertNull(Certificates.merge(alice.armoredCertificate(), bareRevocation(malloryRevoked))
                .revoked());
    }

    @Test
    void anUpdateForAnotherKeyIsRefused() {
        assertEquals(
                Reason.UNREADABLE,
                refusal(() -> Certificates.merge(alice.armoredCertificate(), ascii(mallory.armoredCertificate()))));
    }

    @Test
    void anExpiredPrimaryKeyIsSeenAsExpired() throws Exception {
        OpenPGPKey key = API.generateKey(
                        PublicKeyPacket.VERSION_4, Date.from(Instant.now().minus(Duration.ofDays(10))))
                .withPrimaryKey(
                        gen -> gen.generateLegacyEd25519KeyPair(),
                        org.bouncycastle.openpgp.api.SignatureParameters.Callback.Util.modifyHashedSubpackets(s -> {
                            s.setKeyExpirationTime(true, Duration.ofDays(1).toSeconds());
                            return s;
                        }))
                .addUserId("Expired primary")
                .addEncryptionSubkey(gen -> gen.generateLegacyX25519KeyPair())
                .build();

        CertificateFacts facts = Certificates.inspect(key.toCertificate().getEncoded());

        assertNotNull(facts.expires());
        assertTrue(facts.isExpiredAt(Instant.now()));
        assertFalse(facts.canReceiveAt(Instant.now()));
    }

    @Test
    void aKeyWithoutEncryptionSubkeyCannotReceive() throws Exception {
        OpenPGPKey signOnly = API.generateKey(PublicKeyPacket.VERSION_4)
                .withPrimaryKey()
                .addUserId("Sign only")
                .build();
        CertificateFacts facts = Certificates.inspect(signOnly.toCertificate().getEncoded());

        assertTrue(facts.encryptionSubkeys().isEmpty());
        assertFalse(facts.canReceiveAt(Instant.now()));
    }

    private static byte[] bareRevocation(OpenPGPKey revoked) throws IOException {
        PGPSignature revocation = revoked.getPrimaryKey()
                .getPGPPublicKey()
                .getSignaturesOfType(PGPSignature.KEY_REVOCATION)
                .next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
            revocation.encode(armored);
        }
        return out.toByteArray();
    }

    private static Reason refusal(org.junit.jupiter.api.function.Executable action) {
        return assertThrows(InvalidCertificateException.class, action).reason();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
