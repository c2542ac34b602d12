package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aHeader;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aRecipient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * The crypto unit's benchmark (prints figures; not a timed test): the raw primitives next to seal and
 * open of a 1 KiB envelope to 1, 10 and 100 recipients, one thread. Run with
 * {@code ./mvnw -Pbench verify -pl hub-messaging -am} (docs/performance.md). Attachments (streamed,
 * 1 GiB) join when they exist.
 */
class EnvelopeBench {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("amicus.bench.seconds", 5));

    @Test
    void figures() throws Exception {
        StringBuilder report = new StringBuilder("\n===== Amicus envelope benchmark (one thread, "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + ") =====\n");
        report.append(line("Ed25519 sign (BC)", rate(ed25519Sign())));
        report.append(line("Ed25519 verify (BC)", rate(ed25519Verify())));
        report.append(line("X25519 agreement (BC)", rate(x25519())));
        report.append(
                String.format(Locale.ROOT, "%-44s %10.0f MB/s%n", "AES-256-GCM 16 KiB (JDK)", aesGcmMbPerSecond()));

        Instant now = Instant.now().minusSeconds(60);
        OrganisationKey sender = OrganisationKey.generate("Sender", now, Duration.ofDays(7), PASS);
        UnlockedOrganisationKey unlockedSender = sender.unlock(PASS);
        List<OrganisationKey> recipients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            recipients.add(OrganisationKey.generate("Recipient " + i, now, Duration.ofDays(7), PASS));
        }
        recipients.sort(Comparator.comparing(k -> k.fingerprint().hex()));
        UnlockedOrganisationKey firstRecipient = recipients.get(0).unlock(PASS);
        InnerDocument document = new InnerDocument("bulletin", "Benchmark", "x".repeat(1024));
        for (int n : new int[] {1, 10, 100}) {
            List<OrganisationKey> to = recipients.subList(0, n);
            List<OrganisationCertificate> certs =
                    to.stream().map(OrganisationKey::certificate).toList();
            List<Fingerprint> fps =
                    to.stream().map(OrganisationKey::fingerprint).toList();
            double seal =
                    rate(() -> Envelopes.seal(aHeader(sender.fingerprint(), fps), document, unlockedSender, certs));
            Envelopes.Recipient us = aRecipient(firstRecipient, sender.certificate());
            double sealOpen = rate(() -> {
                byte[] wire = Envelopes.seal(aHeader(sender.fingerprint(), fps), document, unlockedSender, certs);
                assertEquals("bulletin", Envelopes.open(wire, us).document().type());
            });
            report.append(line("seal, 1 KiB to " + n + " recipient(s)", seal));
            report.append(line("seal + open, 1 KiB to " + n + " recipient(s)", sealOpen));
        }
        report.append("=====\n");
        System.out.print(report);
    }

    interface Op {
        void run() throws Exception;
    }

    /** Operations per second over the run time, after a warm-up of the same length / 2. */
    private static double rate(Op op) throws Exception {
        long warmEnd = System.nanoTime() + RUN.toNanos() / 2;
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        long count = 0;
        while (System.nanoTime() < end) {
            op.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static String line(String what, double perSecond) {
        return String.format(Locale.ROOT, "%-44s %10.0f /s%n", what, perSecond);
    }

    private static Op ed25519Sign() {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = g.generateKeyPair();
        byte[] message = new byte[64];
        return () -> {
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, (Ed25519PrivateKeyParameters) pair.getPrivate());
            s.update(message, 0, message.length);
            s.generateSignature();
        };
    }

    private static Op ed25519Verify() {
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = g.generateKeyPair();
        byte[] message = new byte[64];
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, (Ed25519PrivateKeyParameters) pair.getPrivate());
        s.update(message, 0, message.length);
        byte[] signature = s.generateSignature();
        return () -> {
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, (Ed25519PublicKeyParameters) pair.getPublic());
            v.update(message, 0, message.length);
            if (!v.verifySignature(signature)) {
                throw new AssertionError();
            }
        };
    }

    private static Op x25519() {
        X25519KeyPairGenerator g = new X25519KeyPairGenerator();
        g.init(new X25519KeyGenerationParameters(new SecureRandom()));
        var a = g.generateKeyPair();
        var b = g.generateKeyPair();
        byte[] secret = new byte[32];
        return () -> {
            X25519Agreement agreement = new X25519Agreement();
            agreement.init(a.getPrivate());
            agreement.calculateAgreement(b.getPublic(), secret, 0);
        };
    }

    private static double aesGcmMbPerSecond() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] data = new byte[16 * 1024];
        byte[] iv = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        long[] counter = {0};
        double perSecond = rate(() -> {
            counter[0]++;
            iv[0] = (byte) counter[0];
            iv[1] = (byte) (counter[0] >> 8);
            iv[2] = (byte) (counter[0] >> 16);
            iv[3] = (byte) (counter[0] >> 24);
            cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, iv));
            cipher.doFinal(data);
        });
        return perSecond * data.length / 1e6;
    }
}
