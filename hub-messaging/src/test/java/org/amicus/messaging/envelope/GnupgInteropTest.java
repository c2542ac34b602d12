package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organisation's certificate as GnuPG 2.2 (Debian's gpg, installed by .ci/run) sees it: the real
 * tool, in a throw-away home directory.
 */
class GnupgInteropTest {

    @TempDir
    Path gnupgHome;

    @Test
    void gnupgImportsTheCertificateAndCanEncryptToIt() throws Exception {
        OrganisationKey key = newKey();
        Path cert = Files.writeString(gnupgHome.resolve("org.asc"), key.armoredCertificate());

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

        Path plain = Files.writeString(gnupgHome.resolve("m.txt"), "for Org A only");
        gpg(
                "--trust-model",
                "always",
                "--recipient",
                key.fingerprint().hex(),
                "--output",
                gnupgHome.resolve("m.gpg").toString(),
                "--encrypt",
                plain.toString());
        assertTrue(Files.size(gnupgHome.resolve("m.gpg")) > 0);
    }

    private static OrganisationKey newKey() throws KeyProtectionException {
        return OrganisationKey.generate(
                "Amicus node interop",
                java.time.Instant.now(),
                java.time.Duration.ofDays(7),
                OrganisationKeyTest.PASSPHRASE);
    }

    private String gpg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--homedir", gnupgHome.toString(), "--batch"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpg did not finish");
        assertEquals(0, p.exitValue(), "gpg " + String.join(" ", args) + " failed: " + out);
        return out;
    }
}
