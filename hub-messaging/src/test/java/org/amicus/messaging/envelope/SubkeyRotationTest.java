package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aHeader;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aRecipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation and destruction of encryption subkeys: the bounded exposure window. */
class SubkeyRotationTest {

    @TempDir
    Path tmp;

    @Test
    void aNewSubkeyIsCertifiedProtectedAndUsedBySenders() throws Exception {
        OrganisationKey key = aKeyFor("Rotating");
        Instant now = Instant.now();

        OrganisationKey rotated = key.withNewEncryptionSubkey(now, Duration.ofDays(7), PASS);

        List<OrganisationKey.Subkey> subkeys = rotated.allEncryptionSubkeys();
        assertEquals(2, subkeys.size());
        OrganisationKey.Subkey added = subkeys.stream()
                .filter(s -> !key.allEncryptionSubkeys().contains(s))
                .findFirst()
                .orElseThrow();
        assertEquals(now.getEpochSecond(), added.created().getEpochSecond());
        assertEquals(added.created().plus(Duration.ofDays(7)), added.expires());
        assertEquals(key.fingerprint(), rotated.fingerprint(), "same organisation");
        for (PGPSecretKey secret : rotated.openPgp().getPGPSecretKeyRing()) {
            assertEquals(253, secret.getS2KUsage(), "every secret part protected with AEAD");
            assertEquals(org.bouncycastle.bcpg.S2K.ARGON_2, secret.getS2K().getType(), "and Argon2");
        }
        assertTrue(
                org.amicus.messaging.envelope.Certificates.inspect(
                                rotated.armoredCertificate().getBytes())
                        .ignoredSubkeys()
                        .isEmpty(),
                "the new subkey is bound by the primary key");
        assertThrows(
                KeyProtectionException.class,
                () -> key.withNewEncryptionSubkey(now, Duration.ofDays(7), "wrong passphrase!!".toCharArray()));
    }

    @Test
    void afterDestructionWhatWasEncryptedToTheOldSubkeyCannotBeOpenedEvenWithThePassphrase() throws Exception {
        OrganisationKey sender = aKeyFor("Sender");
        OrganisationKey recipient = aKeyFor("Recipient");
        Fingerprint oldSubkey = recipient.allEncryptionSubkeys().get(0).fingerprint();
        EnvelopeHeader header = aHeader(sender.fingerprint(), List.of(recipient.fingerprint()));
        byte[] captured = Envelopes.seal(
                header,
                new InnerDocument("alert", "s", "captured on the wire"),
                sender.unlock(PASS),
                List.of(recipient.certificate()));

        Path file = tmp.resolve("keys/organisation.key");
        Files.createDirectories(file.getParent());
        Files.write(file, recipient.protectedSecretKey());
        OrganisationKey rotated = recipient.withNewEncryptionSubkey(Instant.now(), Duration.ofDays(7), PASS);
        new OrganisationKeyFile(file).update(rotated.withoutSubkeys(List.of(oldSubkey)));

        OrganisationKey reloaded = new OrganisationKeyFile(file).load(PASS);
        assertFalse(reloaded.allEncryptionSubkeys().stream()
                .anyMatch(s -> s.fingerprint().equals(oldSubkey)));
        assertFalse(reloaded.armoredCertificate().isEmpty());
        EnvelopeRejectedException e = assertThrows(
                EnvelopeRejectedException.class,
                () -> Envelopes.open(captured, aRecipient(reloaded.unlock(PASS), sender.certificate())));
        assertEquals(EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, e.kind());

        byte[] fresh = Envelopes.seal(
                aHeader(sender.fingerprint(), List.of(recipient.fingerprint())),
                new InnerDocument("alert", "s", "sent after the rotation"),
                sender.unlock(PASS),
                List.of(reloaded.certificate()));
        assertEquals(
                "sent after the rotation",
                Envelopes.open(fresh, aRecipient(reloaded.unlock(PASS), sender.certificate()))
                        .document()
                        .body());
    }

    @Test
    void aRetiredSubkeyStillOpensWhatWasSentToItBeforeItExpired() throws Exception {
        OrganisationKey sender = aKeyFor("Sender");
        // a subkey with 4 seconds of validity left
        OrganisationKey recipient = OrganisationKey.generate(
                "Expiring soon", Instant.now().minus(Duration.ofDays(7)).plusSeconds(4), Duration.ofDays(7), PASS);
        byte[] onItsWay = Envelopes.seal(
                aHeader(sender.fingerprint(), List.of(recipient.fingerprint())),
                new InnerDocument("alert", "s", "delayed by an offline node"),
                sender.unlock(PASS),
                List.of(recipient.certificate()));
        Thread.sleep(5_000);
        assertTrue(recipient.encryptionSubkeys(Instant.now()).isEmpty(), "the subkey has expired: retired");

        assertEquals(
                "delayed by an offline node",
                Envelopes.open(onItsWay, aRecipient(recipient.unlock(PASS), sender.certificate()))
                        .document()
                        .body());
    }

    @Test
    void nothingIsSealedToARevokedSubkeyAndAnEnvelopeToOneIsNotOpened() throws Exception {
        OrganisationKey sender = aKeyFor("Sender");
        OrganisationKey recipient = aKeyFor("Recipient");
        OrganisationCertificate before = recipient.certificate();
        byte[] sealedBefore = Envelopes.seal(
                aHeader(sender.fingerprint(), List.of(recipient.fingerprint())),
                new InnerDocument("alert", "s", "sealed to the subkey later revoked"),
                sender.unlock(PASS),
                List.of(before));
        var openPgp = recipient.openPgp();
        var onlySubkey = openPgp.getEncryptionKeys().get(0);
        OrganisationKey revoked = new OrganisationKey(new org.bouncycastle.openpgp.api.bc.BcOpenPGPApi()
                .editKey(openPgp, PASS.clone())
                .revokeComponentKey(onlySubkey)
                .done());

        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> Envelopes.seal(
                        aHeader(sender.fingerprint(), List.of(recipient.fingerprint())),
                        new InnerDocument("alert", "s", "x"),
                        sender.unlock(PASS),
                        List.of(revoked.certificate())));
        assertTrue(refused.getMessage().contains("no valid encryption subkey"), refused.getMessage());
        EnvelopeRejectedException e = assertThrows(
                EnvelopeRejectedException.class,
                () -> Envelopes.open(sealedBefore, aRecipient(revoked.unlock(PASS), sender.certificate())));
        assertEquals(EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, e.kind());
    }

    @Test
    void thePrimaryKeyAndUnknownSubkeysCannotBeDestroyed() throws Exception {
        OrganisationKey key = aKeyFor("Keeps its primary");
        assertThrows(IllegalArgumentException.class, () -> key.withoutSubkeys(List.of(key.fingerprint())));
        assertThrows(
                IllegalArgumentException.class, () -> key.withoutSubkeys(List.of(new Fingerprint("A".repeat(40)))));
    }
}
