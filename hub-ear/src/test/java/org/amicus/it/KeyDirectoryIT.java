package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.amicus.core.identity.boundary.ImportOutcome;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.replay.boundary.ReplayRecord;
import org.amicus.messaging.envelope.EnvelopeHeader;
import org.amicus.messaging.envelope.EnvelopeRejectedException;
import org.amicus.messaging.envelope.Envelopes;
import org.amicus.messaging.envelope.InnerDocument;
import org.amicus.messaging.envelope.OpenedEnvelope;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.amicus.messaging.envelope.OrganisationKey;
import org.amicus.messaging.envelope.Priority;
import org.amicus.messaging.envelope.UnlockedOrganisationKey;
import org.amicus.messaging.identity.NodeEnvelopes;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The organisation identity and the key directory as an operator uses them over REST, and opening
 * envelopes on the node with its own key, directory and persistent replay record.
 */
@ExtendWith(ArquillianNodeSetup.class)
@ExtendWith(ArquillianExtension.class)
class KeyDirectoryIT {

    private static final String PGP_KEYS = "application/pgp-keys";
    private static final char[] PASS = "peer organisation passphrase".toCharArray();
    private static final OpenPGPApi API = new BcOpenPGPApi();

    @Deployment
    static WebArchive node() {
        return NodeArchive.withTestClasses(KeyDirectoryIT.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    NodeEnvelopes envelopes;

    @Inject
    KeyDirectory directory;

    @Inject
    OrganisationIdentity identity;

    @Inject
    ReplayRecord replay;

    @Resource
    UserTransaction transaction;

    // --- the organisation identity ---------------------------------------------------------------

    @Test
    @RunAsClient
    void theNodeShowsItsOrganisationKey() throws Exception {
        JsonObject id = Http.get(api("identity")).json();
        Http.Response node = Http.get(api("node"));

        String fingerprint = id.getString("fingerprint");
        assertTrue(fingerprint.matches("[0-9A-F]{40}"), fingerprint);
        assertEquals(Fingerprint.parse(fingerprint).grouped(), id.getString("fingerprintGrouped"));
        assertEquals("Amicus node " + node.json().getString("id") + " (Arquillian-Centre)", id.getString("userId"));
        JsonArray subkeys = id.getJsonArray("encryptionSubkeys");
        assertEquals(1, subkeys.size());
        assertEquals("CURRENT", subkeys.getJsonObject(0).getString("state"));
        Instant created = Instant.parse(subkeys.getJsonObject(0).getString("created"));
        assertEquals(
                created.plus(Duration.ofDays(7)),
                Instant.parse(subkeys.getJsonObject(0).getString("expires")));

        Http.Response armored = Http.get(api("identity/certificate"));
        assertEquals(200, armored.status());
        assertTrue(armored.contentType().startsWith(PGP_KEYS), armored.contentType());
        assertEquals(
                fingerprint,
                OrganisationCertificate.parse(armored.body()).fingerprint().hex(),
                "the certificate is the key shown");
        assertFalse(armored.body().contains("PRIVATE KEY"));
    }

    // --- importing and verifying peer keys -------------------------------------------------------

    @Test
    @RunAsClient
    void anImportedKeyStartsUnverifiedAndIsVerifiedOnlyWithItsFingerprint() throws Exception {
        OrganisationKey peer = aPeerKey(UUID.randomUUID(), "Documentation Centre North");

        Http.Response imported = importKey(peer.armoredCertificate());

        assertEquals(201, imported.status(), imported.body());
        assertEquals("ADDED", imported.json().getString("result"));
        JsonObject key = imported.json().getJsonObject("key");
        assertEquals("SEEN", key.getString("state"));
        assertEquals("Documentation Centre North", key.getString("name"));
        assertEquals(1, key.getJsonArray("encryptionSubkeys").size());
        URI location = URI.create(imported.location());
        assertEquals(peer.fingerprint().hex(), Http.get(location).json().getString("fingerprint"));
        assertTrue(listedFingerprints().contains(peer.fingerprint().hex()));

        assertProblem(
                Http.post(
                        URI.create(location + "/verify"),
                        "application/json",
                        "{\"fingerprint\":\"" + peer.fingerprint() + "\"}"),
                400,
                "invalid-input");
        Http.Response wrong =
                verify(peer.fingerprint(), aPeerKey(UUID.randomUUID(), "Other").fingerprint());
        assertProblem(wrong, 422, "fingerprint-mismatch");
        assertEquals("SEEN", Http.get(location).json().getString("state"), "nothing changed");

        // as read aloud: grouped, lower case
        Http.Response right = Http.post(
                URI.create(location + "/verify"),
                "application/json",
                "{\"fingerprint\":\"" + peer.fingerprint().grouped().toLowerCase()
                        + "\",\"verifiedBy\":\"Amira (phone call)\"}");
        assertEquals(200, right.status(), right.body());
        assertEquals("VERIFIED", right.json().getString("state"));
        assertEquals("Amira (phone call)", right.json().getString("verifiedBy"));
        assertFalse(right.json().getString("verifiedAt").isBlank());

        Http.Response again = importKey(peer.armoredCertificate());
        assertEquals(200, again.status());
        assertEquals("UNCHANGED", again.json().getString("result"));
        assertEquals("VERIFIED", again.json().getJsonObject("key").getString("state"));
    }

    @Test
    @RunAsClient
    void aRevocationIsHonouredAtOnceAndIsFinal() throws Exception {
        OrganisationKey peer = aPeerKey(UUID.randomUUID(), "Soon Revoked");
        assertEquals(201, importKey(peer.armoredCertificate()).status());
        OpenPGPKey revoked =
                API.editKey(peerOpenPgp(peer), PASS.clone()).revokeKey().done();

        Http.Response r = importKey(bareRevocation(revoked));

        assertEquals(200, r.status(), r.body());
        assertEquals("REVOKED", r.json().getString("result"));
        assertEquals("REVOKED", r.json().getJsonObject("key").getString("state"));
        assertProblem(verify(peer.fingerprint(), peer.fingerprint()), 409, "illegal-trust-change");
        assertEquals(
                "REVOKED",
                importKey(peer.armoredCertificate()).json().getJsonObject("key").getString("state"),
                "an older copy does not undo the revocation");
    }

    @Test
    @RunAsClient
    void aNewPrimaryKeyForAKnownNodeIsANewUnverifiedIdentityWithAWarning() throws Exception {
        UUID node = UUID.randomUUID();
        OrganisationKey original = aPeerKey(node, "Coalition Hub");
        OrganisationKey impostor = aPeerKey(node, "Coalition Hub");
        assertEquals(201, importKey(original.armoredCertificate()).status());

        Http.Response r = importKey(impostor.armoredCertificate());

        assertEquals(201, r.status(), r.body());
        JsonObject key = r.json().getJsonObject("key");
        assertEquals("SEEN", key.getString("state"));
        assertEquals(original.fingerprint().hex(), key.getString("conflictsWith"));
        assertTrue(r.json().getJsonArray("warnings").getString(0).contains("out of band"), r.body());
        assertEquals(
                "SEEN",
                Http.get(api("keys/" + original.fingerprint().hex())).json().getString("state"),
                "the known key is untouched");
    }

    @Test
    @RunAsClient
    void badImportsAreRefusedAndStoreNothing() throws Exception {
        int before = listedFingerprints().size();
        OrganisationKey peer = aPeerKey(UUID.randomUUID(), "Refused");

        assertProblem(importKey("this is not a key"), 422, "certificate-unreadable");
        assertProblem(importKey(peer.protectedSecretKey()), 422, "certificate-is-secret-key");
        assertProblem(importKey(signOnlyKey()), 422, "certificate-without-encryption-subkey");
        assertProblem(
                importKey(expiredSubkeyOnly().armoredCertificate()), 422, "certificate-without-encryption-subkey");
        assertProblem(importKey(expiredPrimaryKey()), 422, "certificate-expired");
        OpenPGPKey revoked =
                API.editKey(peerOpenPgp(peer), PASS.clone()).revokeKey().done();
        assertProblem(importKey(revoked.toCertificate().getEncoded()), 422, "certificate-revoked");
        assertProblem(importKey(bareRevocation(revoked)), 422, "revocation-for-unknown-key");
        assertProblem(importKey(Http.get(api("identity/certificate")).body()), 422, "certificate-is-own-key");
        assertProblem(importKey(new byte[70 * 1024]), 413, "certificate-too-large");
        assertProblem(verify(peer.fingerprint(), peer.fingerprint()), 404, "key-not-found");
        assertProblem(Http.get(api("keys/not-a-fingerprint")), 400, "invalid-input");

        assertEquals(before, listedFingerprints().size(), "nothing was stored");
    }

    // --- messages from standard tools ----------------------------------------------------------

    @Test
    @RunAsClient
    void aMessageGnupgSignedAndEncryptedIsOpenedAndItsSignerNamed() throws Exception {
        try (Gpg gpg = new Gpg(Files.createTempDirectory("amicus-gpg-"))) {
            String external = gpg.newKey("Field Office <field@example.org>");
            assertEquals(
                    201, importKey(gpg.run("--armor", "--export", external)).status());
            Path ours = Files.writeString(
                    gpg.home().resolve("node.asc"),
                    Http.get(api("identity/certificate")).body());
            gpg.run("--import", ours.toString());
            String node = Http.get(api("identity")).json().getString("fingerprint");
            Path note = Files.writeString(
                    gpg.home().resolve("note.txt"), "Phishing campaign against our staff since Monday");

            Http.Response r = importMessage(gpg.signAndEncrypt(note, external, node));

            assertEquals(200, r.status(), r.body());
            assertEquals(external, r.json().getString("signer"));
            assertEquals("SEEN", r.json().getString("signerState"));
            assertEquals(
                    "Phishing campaign against our staff since Monday", r.json().getString("text"));

            // signed by a key the directory does not know: refused, nothing released
            String stranger = gpg.newKey("Stranger <stranger@example.org>");
            Http.Response unknown = importMessage(gpg.signAndEncrypt(note, stranger, node));
            assertProblem(unknown, 422, "message-unknown-sender");
            assertFalse(unknown.body().contains("Phishing"));
            // encrypted to someone else; too large
            assertProblem(
                    importMessage(gpg.signAndEncrypt(note, external, stranger)), 422, "message-not-addressed-to-us");
            assertProblem(importMessage(new byte[3 * 1024 * 1024]), 413, "message-too-large");
        }
    }

    // --- opening envelopes on the node -----------------------------------------------------------

    @Test
    void anEnvelopeFromAKnownPeerOpensOnceAndItsIdIsRecordedPersistently() throws Exception {
        OrganisationKey peer = aPeerKey(UUID.randomUUID(), "Sender");
        directory.importCertificate(peer.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        UnlockedOrganisationKey sender = peer.unlock(PASS);
        OrganisationCertificate us =
                OrganisationCertificate.parse(identity.current().certificate());
        EnvelopeHeader header = headerFrom(peer, us);
        byte[] wire = Envelopes.seal(
                header, new InnerDocument("feedback", "Received", "Your submission arrived."), sender, List.of(us));

        transaction.begin();
        OpenedEnvelope opened = envelopes.open(wire);
        transaction.commit();

        assertEquals(peer.fingerprint(), opened.sender());
        assertEquals("Your submission arrived.", opened.document().body());
        assertTrue(replay.seen(header.id()), "the id is in the database");
        EnvelopeRejectedException replayed = assertThrows(EnvelopeRejectedException.class, () -> envelopes.open(wire));
        assertEquals(EnvelopeRejectedException.Kind.REPLAYED, replayed.kind());
        assertFalse(replayed.getMessage().contains("submission arrived"));
    }

    @Test
    void anEnvelopeFromAnUnknownOrRevokedSenderIsRejectedWithoutContent() throws Exception {
        OrganisationKey stranger = aPeerKey(UUID.randomUUID(), "Stranger");
        OrganisationCertificate us =
                OrganisationCertificate.parse(identity.current().certificate());
        byte[] wire = Envelopes.seal(
                headerFrom(stranger, us),
                new InnerDocument("alert", "Secret", "do not leak"),
                stranger.unlock(PASS),
                List.of(us));

        EnvelopeRejectedException unknown = assertThrows(EnvelopeRejectedException.class, () -> envelopes.open(wire));
        assertEquals(EnvelopeRejectedException.Kind.UNKNOWN_SENDER, unknown.kind());

        directory.importCertificate(stranger.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        OpenPGPKey revoked =
                API.editKey(peerOpenPgp(stranger), PASS.clone()).revokeKey().done();
        directory.importCertificate(bareRevocation(revoked));
        EnvelopeRejectedException refused = assertThrows(EnvelopeRejectedException.class, () -> envelopes.open(wire));
        assertEquals(EnvelopeRejectedException.Kind.REVOKED_SENDER, refused.kind());
        assertFalse(refused.getMessage().contains("do not leak"));
    }

    @Test
    void aCertificateAPeerSendsItselfIsMergedIntoItsOwnKeyOnlyNeverAddedOrSwapped() throws Exception {
        OrganisationKey peer = aPeerKey(UUID.randomUUID(), "Rotating");
        directory.importCertificate(peer.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        OrganisationKey other = aPeerKey(UUID.randomUUID(), "Someone Else");

        transaction.begin();
        var swapped = directory.refreshFromOwner(
                peer.fingerprint(), other.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        var unreadable =
                directory.refreshFromOwner(peer.fingerprint(), "not a certificate".getBytes(StandardCharsets.US_ASCII));
        var stranger = directory.refreshFromOwner(
                other.fingerprint(), other.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        transaction.commit(); // refusals do not spoil the delivery's transaction

        assertTrue(swapped.isEmpty(), "another key's certificate sent by the peer is refused");
        assertTrue(unreadable.isEmpty());
        assertTrue(stranger.isEmpty(), "a key the directory does not hold is never added this way");
        assertTrue(directory.find(other.fingerprint()).isEmpty(), "nothing added");

        OrganisationKey rotated = peer.withNewEncryptionSubkey(Instant.now(), Duration.ofDays(7), PASS.clone());
        transaction.begin();
        var merged = directory.refreshFromOwner(
                peer.fingerprint(), rotated.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        transaction.commit();
        assertEquals(java.util.Optional.of(ImportOutcome.Result.UPDATED), merged);
        assertEquals(
                2,
                directory
                        .find(peer.fingerprint())
                        .orElseThrow()
                        .encryptionSubkeys()
                        .size(),
                "the new subkey, certified by the known primary key, is taken");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static OrganisationKey aPeerKey(UUID node, String organisation) throws Exception {
        return OrganisationKey.generate(
                "Amicus node " + node + " (" + organisation + ")",
                Instant.now().minusSeconds(60),
                Duration.ofDays(7),
                PASS);
    }

    private static OrganisationKey expiredSubkeyOnly() throws Exception {
        return OrganisationKey.generate(
                "Amicus node " + UUID.randomUUID() + " (Expired)",
                Instant.now().minus(Duration.ofDays(10)),
                Duration.ofDays(7),
                PASS);
    }

    private static byte[] expiredPrimaryKey() throws Exception {
        OpenPGPKey key = API.generateKey(
                        PublicKeyPacket.VERSION_4, Date.from(Instant.now().minus(Duration.ofDays(10))))
                .withPrimaryKey(
                        gen -> gen.generateLegacyEd25519KeyPair(),
                        SignatureParameters.Callback.Util.modifyHashedSubpackets(s -> {
                            s.setKeyExpirationTime(true, Duration.ofDays(1).toSeconds());
                            return s;
                        }))
                .addUserId("Expired primary")
                .addEncryptionSubkey(gen -> gen.generateLegacyX25519KeyPair())
                .build();
        return key.toCertificate().getEncoded();
    }

    private static byte[] signOnlyKey() throws Exception {
        return API.generateKey(PublicKeyPacket.VERSION_4)
                .withPrimaryKey()
                .addUserId("Sign only")
                .build()
                .toCertificate()
                .getEncoded();
    }

    /** The BC key inside an OrganisationKey, read back from its protected form (test-only access). */
    private static OpenPGPKey peerOpenPgp(OrganisationKey key) throws Exception {
        return (OpenPGPKey) new org.bouncycastle.openpgp.api.OpenPGPKeyReader().parseKey(key.protectedSecretKey());
    }

    /** A bare revocation certificate, as {@code gpg --gen-revoke} writes it. */
    private static byte[] bareRevocation(OpenPGPKey revoked) throws Exception {
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

    private EnvelopeHeader headerFrom(OrganisationKey peer, OrganisationCertificate us) {
        String ourNode = identity.current().userId().replaceAll("^Amicus node ([0-9a-f-]{36}) .*$", "$1");
        String peerNode = peer.userId().replaceAll("^Amicus node ([0-9a-f-]{36}) .*$", "$1");
        Instant now = Instant.now();
        return new EnvelopeHeader(
                UUID.randomUUID(),
                peer.fingerprint(),
                peerNode,
                List.of(us.fingerprint()),
                List.of(ourNode),
                now,
                now.plus(Duration.ofHours(1)),
                Priority.NORMAL);
    }

    private List<String> listedFingerprints() throws Exception {
        return Http.get(api("keys")).jsonArray().stream()
                .map(v -> v.asJsonObject().getString("fingerprint"))
                .toList();
    }

    private Http.Response importMessage(byte[] message) throws Exception {
        return Http.post(api("messages/import"), "application/pgp-encrypted", message);
    }

    private Http.Response importKey(String armored) throws Exception {
        return Http.post(api("keys"), PGP_KEYS, armored);
    }

    private Http.Response importKey(byte[] bytes) throws Exception {
        return Http.post(api("keys"), PGP_KEYS, bytes);
    }

    private Http.Response verify(Fingerprint key, Fingerprint confirmed) throws Exception {
        return Http.post(
                api("keys/" + key.hex() + "/verify"),
                "application/json",
                "{\"fingerprint\":\"" + confirmed.hex() + "\",\"verifiedBy\":\"a test\"}");
    }

    private static void assertProblem(Http.Response r, int status, String type) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("https://amicus.example.org/problems/" + type, r.json().getString("type"), r.body());
    }

    private URI api(String path) {
        return URI.create(base.toString()).resolve("api/v1/" + path);
    }
}
