package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aHeader;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aRecipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amicus and GnuPG 2.2 (Debian's gpg, installed by .ci/run), both ways: the real tool in a throw-away
 * home directory.
 */
class GnupgInteropTest {

    @TempDir
    Path home;

    /** gpg starts a gpg-agent for the home directory that would outlive the test. */
    @org.junit.jupiter.api.AfterEach
    void stopAgent() throws Exception {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void gnupgImportsTheCertificateAndCanEncryptToIt() throws Exception {
        OrganisationKey key = aKeyFor("Amicus node interop");
        Path cert = Files.writeString(home.resolve("org.asc"), key.armoredCertificate());

        gpg("--import", cert.toString());
        String listing = gpg(
                "--with-colons",
                "--fixed-list-mode",
                "--list-keys",
                key.fingerprint().hex());

        List<String> lines = listing.lines().toList();
        String pub =
                lines.stream().filter(l -> l.startsWith("pub:")).findFirst().orElseThrow();
        String fpr =
                lines.stream().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow();
        String sub =
                lines.stream().filter(l -> l.startsWith("sub:")).findFirst().orElseThrow();
        assertEquals("22", pub.split(":")[3], "primary key: EdDSA (Ed25519)");
        assertTrue(pub.split(":")[11].contains("s") && pub.split(":")[11].contains("c"), "certifies and signs: " + pub);
        assertEquals(key.fingerprint().hex(), fpr.split(":")[9]);
        assertEquals("18", sub.split(":")[3], "subkey: ECDH (Curve25519)");
        assertTrue(sub.split(":")[11].contains("e"), "the subkey can encrypt: " + sub);
        assertTrue(!sub.split(":")[6].isEmpty(), "the subkey has an expiry: " + sub);

        Path plain = Files.writeString(home.resolve("m.txt"), "for Org A only");
        gpg(
                "--trust-model",
                "always",
                "--recipient",
                key.fingerprint().hex(),
                "--output",
                home.resolve("m.gpg").toString(),
                "--encrypt",
                plain.toString());
        assertTrue(Files.size(home.resolve("m.gpg")) > 0);
    }

    @Test
    void gnupgDecryptsASealedPayloadAndVerifiesItsSender() throws Exception {
        OrganisationKey orgA = aKeyFor("Org A");
        OrganisationKey orgB = aKeyFor("Org B");
        EnvelopeHeader header = aHeader(orgA.fingerprint(), List.of(orgB.fingerprint()));
        byte[] wire = Envelopes.seal(
                header,
                new InnerDocument("feedback", "Received", "Your submission arrived intact"),
                orgA.unlock(PASS),
                List.of(orgB.certificate()));
        Path payload = Files.write(
                home.resolve("payload.gpg"),
                EnvelopeFrame.parse(wire, Long.MAX_VALUE).payload());
        String subkeyId =
                orgB.encryptionSubkeys(Instant.now()).get(0).fingerprint().hex().substring(24);

        // Without the secret key gpg cannot decrypt, but it must parse every packet: a v3 session key packet
        // for the recipient's subkey (ECDH) and integrity-protected data (SEIPD v1), as GnuPG 2.2 reads.
        String packets = gpgAnyStatus("--list-packets", payload.toString());

        assertTrue(packets.contains(":pubkey enc packet: version 3, algo 18, keyid " + subkeyId), packets);
        assertTrue(packets.contains(":encrypted data packet:") && packets.contains("mdc_method: 2"), packets);

        // With the recipient's exported secret key, gpg decrypts it and verifies the sender's signature.
        Path passFile = Files.writeString(home.resolve("pass"), new String(PASS));
        gpg(
                "--import",
                Files.writeString(home.resolve("a.asc"), orgA.armoredCertificate())
                        .toString());
        importSecretKey(orgB, passFile);
        String out = gpg(
                "--status-fd",
                "1",
                "--pinentry-mode",
                "loopback",
                "--passphrase-file",
                passFile.toString(),
                "--decrypt",
                payload.toString());

        assertTrue(out.contains("Your submission arrived intact"), out);
        assertTrue(out.contains("[GNUPG:] DECRYPTION_OKAY"), out);
        assertTrue(out.contains("[GNUPG:] VALIDSIG " + orgA.fingerprint().hex()), out);
        assertTrue(out.contains("\"header\":\"" + Envelopes.sha256Hex(header.canonicalBytes()) + "\""), out);
    }

    @Test
    void gnupgDecryptsAStreamedAttachment() throws Exception {
        OrganisationKey orgB = aKeyFor("Org B");
        byte[] file = new byte[5 * 1024 * 1024 + 3];
        new java.util.Random(7).nextBytes(file);
        Path attachment = home.resolve("attachment.gpg");
        Attachments.Sealed sealed;
        try (var out = Files.newOutputStream(attachment)) {
            sealed = Attachments.seal(new java.io.ByteArrayInputStream(file), out, List.of(orgB.certificate()));
        }
        Path passFile = Files.writeString(home.resolve("pass"), new String(PASS));
        importSecretKey(orgB, passFile);
        Path decrypted = home.resolve("attachment.bin");
        gpg(
                "--pinentry-mode",
                "loopback",
                "--passphrase-file",
                passFile.toString(),
                "--output",
                decrypted.toString(),
                "--decrypt",
                attachment.toString());

        byte[] out = Files.readAllBytes(decrypted);
        assertEquals(file.length, out.length);
        assertTrue(java.util.Arrays.equals(file, out), "gpg decrypts the attachment to the same bytes");
        assertEquals(file.length, sealed.size());
    }

    @Test
    void amicusOpensAFileGnupgEncryptedAsAnAttachment() throws Exception {
        OrganisationKey orgB = aKeyFor("Org B");
        gpg(
                "--import",
                Files.writeString(home.resolve("b.asc"), orgB.armoredCertificate())
                        .toString());
        byte[] file = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(8).nextBytes(file);
        Path plain = Files.write(home.resolve("file.bin"), file);
        Path encrypted = home.resolve("file.bin.gpg");
        gpg(
                "--trust-model",
                "always",
                "--compress-algo",
                "none", // a compressed attachment is refused (compression bombs)
                "--cipher-algo",
                "AES256",
                "--recipient",
                orgB.fingerprint().hex(),
                "--output",
                encrypted.toString(),
                "--encrypt",
                plain.toString());
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
        java.io.ByteArrayOutputStream opened = new java.io.ByteArrayOutputStream();
        try (var in = Files.newInputStream(encrypted)) {
            Attachments.open(in, opened, orgB.unlock(PASS), new Attachments.Sealed(sha256, file.length));
        }
        assertTrue(java.util.Arrays.equals(file, opened.toByteArray()), "the same bytes, checked against the manifest");
    }

    @Test
    void amicusOpensWhatGnupgSignedAndEncryptedAndNamesTheSigner() throws Exception {
        OrganisationKey orgB = aKeyFor("Org B");
        gpg("--passphrase", "", "--quick-gen-key", "External tool <ext@example.org>", "ed25519", "sign", "1d");
        OrganisationCertificate ext = OrganisationCertificate.parse(
                gpg("--armor", "--export", "ext@example.org").getBytes(StandardCharsets.US_ASCII));
        gpg(
                "--import",
                Files.writeString(home.resolve("b.asc"), orgB.armoredCertificate())
                        .toString());
        Path note = Files.writeString(home.resolve("note.txt"), "Threat alert: phishing campaign");
        gpg(
                "--trust-model",
                "always",
                "--local-user",
                ext.fingerprint().hex(),
                "--recipient",
                orgB.fingerprint().hex(),
                "--output",
                home.resolve("note.gpg").toString(),
                "--sign",
                "--encrypt",
                note.toString());
        byte[] encrypted = Files.readAllBytes(home.resolve("note.gpg"));

        Envelopes.ImportedMessage opened =
                Envelopes.openImported(encrypted, aRecipient(orgB.unlock(PASS), ext), ext.fingerprint());

        assertEquals(ext.fingerprint(), opened.signer());
        assertEquals("Threat alert: phishing campaign", new String(opened.content(), StandardCharsets.UTF_8));
        EnvelopeRejectedException unknown = assertThrows(
                EnvelopeRejectedException.class,
                () -> Envelopes.openImported(encrypted, aRecipient(orgB.unlock(PASS), null), ext.fingerprint()));
        assertEquals(EnvelopeRejectedException.Kind.UNKNOWN_SENDER, unknown.kind());
        OrganisationKey impostor = aKeyFor("Impostor");
        EnvelopeRejectedException wrongSigner = assertThrows(
                EnvelopeRejectedException.class,
                () -> Envelopes.openImported(
                        encrypted, aRecipient(orgB.unlock(PASS), impostor.certificate()), impostor.fingerprint()));
        assertEquals(EnvelopeRejectedException.Kind.BAD_SIGNATURE, wrongSigner.kind());
    }

    /** Runs gpg and returns what it printed, whatever its exit status. */
    /** gpg imports an organisation's secret key, exported for standard tools, under its passphrase. */
    private void importSecretKey(OrganisationKey key, Path passFile) throws Exception {
        Path exported = Files.writeString(
                home.resolve("secret-" + key.fingerprint() + ".asc"), key.armoredSecretKeyForStandardTools(PASS));
        gpg("--pinentry-mode", "loopback", "--passphrase-file", passFile.toString(), "--import", exported.toString());
    }

    private String gpgAnyStatus(String... args) throws IOException, InterruptedException {
        return run(false, args);
    }

    /** Runs gpg, which must succeed, and returns its standard output. */
    private String gpg(String... args) throws IOException, InterruptedException {
        return run(true, args);
    }

    private String run(boolean mustSucceed, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        cmd.addAll(List.of(args));
        Path stderr = Files.createTempFile("gpg-stderr", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpg did not finish");
            String errors = Files.readString(stderr);
            if (mustSucceed && p.exitValue() != 0) {
                throw new AssertionError("gpg " + String.join(" ", args) + " failed: " + out + errors);
            }
            return mustSucceed ? out : out + errors;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
