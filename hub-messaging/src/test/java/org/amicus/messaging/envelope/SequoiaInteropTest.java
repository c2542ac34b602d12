package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aHeader;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aRecipient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amicus and Sequoia through the Stateless OpenPGP interface ({@code sqop} 0.27 from Debian, installed by
 * .ci/run), both ways, with the real tool.
 */
class SequoiaInteropTest {

    @TempDir
    Path dir;

    @Test
    void sequoiaDecryptsASealedPayloadAndVerifiesItsSender() throws Exception {
        OrganisationKey orgA = aKeyFor("Org A");
        OrganisationKey orgB = aKeyFor("Org B");
        EnvelopeHeader header = aHeader(orgA.fingerprint(), List.of(orgB.fingerprint()));
        byte[] wire = Envelopes.seal(
                header,
                new InnerDocument("cooperation-request", "Request", "Please share the context analysis"),
                orgA.unlock(PASS),
                List.of(orgB.certificate()));
        Path payload = Files.write(
                dir.resolve("payload.pgp"),
                EnvelopeFrame.parse(wire, Long.MAX_VALUE).payload());
        Path aCert = Files.writeString(dir.resolve("a.cert"), orgA.armoredCertificate());
        Path bKey = Files.writeString(dir.resolve("b.key"), orgB.armoredSecretKeyForStandardTools(PASS));
        Path pass = Files.writeString(dir.resolve("pass"), new String(PASS));
        Path verifications = dir.resolve("verifications.txt");

        String plain = sqop(
                payload,
                "decrypt",
                "--with-key-password=" + pass,
                "--verify-with=" + aCert,
                "--verifications-out=" + verifications,
                bKey.toString());

        assertTrue(plain.contains("Please share the context analysis"), plain);
        String verified = Files.readString(verifications);
        assertTrue(verified.contains(orgA.fingerprint().hex()), "Sequoia verified the sender: " + verified);
    }

    @Test
    void amicusOpensWhatSequoiaSignedAndEncrypted() throws Exception {
        OrganisationKey orgB = aKeyFor("Org B");
        Path extKey =
                Files.writeString(dir.resolve("ext.key"), sqop(null, "generate-key", "External <ext@example.org>"));
        Path extCertFile = Files.writeString(dir.resolve("ext.cert"), sqop(extKey, "extract-cert"));
        OrganisationCertificate ext = OrganisationCertificate.parse(Files.readAllBytes(extCertFile));
        Path bCert = Files.writeString(dir.resolve("b.cert"), orgB.armoredCertificate());
        Path message = Files.writeString(dir.resolve("m.txt"), "Security alert: device compromise");

        byte[] encrypted = sqopBytes(message, "encrypt", "--sign-with=" + extKey, bCert.toString());
        Envelopes.ImportedMessage opened =
                Envelopes.openImported(encrypted, aRecipient(orgB.unlock(PASS), ext), ext.fingerprint());

        assertEquals(ext.fingerprint(), opened.signer());
        assertEquals("Security alert: device compromise", new String(opened.content(), StandardCharsets.UTF_8));
    }

    private String sqop(Path stdin, String... args) throws IOException, InterruptedException {
        return new String(sqopBytes(stdin, args), StandardCharsets.UTF_8);
    }

    private byte[] sqopBytes(Path stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sqop"));
        cmd.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "sqop-stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr.toFile());
        pb.redirectInput(
                stdin == null
                        ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                        : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sqop did not finish");
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "sqop " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + Files.readString(stderr));
        }
        return out;
    }
}
