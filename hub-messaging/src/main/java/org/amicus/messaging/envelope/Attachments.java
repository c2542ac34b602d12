package org.amicus.messaging.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;

/**
 * Attachments as streams, in constant memory (docs/protocol/envelope.md §4.1): each is one OpenPGP
 * message, encrypted (SEIPD v1, AES-256 through the JDK's hardware-accelerated cipher, SHA-1 MDC) to
 * the same recipients as its envelope, and bound to it by the SHA-256 and size in the signed manifest of
 * the inner document. Opening writes the plaintext to the caller's stream while it checks the MDC, the
 * size and the SHA-256; when it throws, what was written must be discarded, never shown.
 */
public final class Attachments {

    private static final int BUFFER = 64 * 1024;

    private Attachments() {}

    /** What the manifest records of a sealed attachment. */
    public record Sealed(String sha256, long size) {}

    /** Encrypts {@code plaintext} to the current encryption subkeys of every recipient. */
    public static Sealed seal(
            InputStream plaintext, OutputStream ciphertext, Collection<OrganisationCertificate> recipients)
            throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an attachment needs at least one recipient");
        }
        PGPEncryptedDataGenerator generator =
                new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(new SecureRandom()));
        Date now = new Date();
        for (OrganisationCertificate recipient : recipients) {
            var keys = recipient.openPgp().getEncryptionKeys(now);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(
                        "recipient " + recipient.fingerprint() + " has no valid encryption subkey");
            }
            for (OpenPGPCertificate.OpenPGPComponentKey key : keys) {
                generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key.getPGPPublicKey()));
            }
        }
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream encrypted = generator.open(ciphertext, new byte[BUFFER]);
                OutputStream literal = new PGPLiteralDataGenerator()
                        .open(encrypted, PGPLiteralData.BINARY, "", PGPLiteralData.NOW, new byte[BUFFER])) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = plaintext.read(buffer)) >= 0) {
                sha256.update(buffer, 0, n);
                literal.write(buffer, 0, n);
                size += n;
            }
        } catch (PGPException e) {
            throw new IOException("sealing the attachment failed: " + e.getMessage(), e);
        }
        return new Sealed(HexFormat.of().formatHex(sha256.digest()), size);
    }

    /**
     * Decrypts an attachment into {@code plaintext}, checking it against the manifest's {@code expected}
     * size and SHA-256 and the MDC. Compressed data is refused; more data than announced stops at once.
     */
    public static void open(InputStream ciphertext, OutputStream plaintext, UnlockedOrganisationKey us, Sealed expected)
            throws EnvelopeRejectedException, IOException {
        PGPPublicKeyEncryptedData data = ourEncryptedData(ciphertext, us);
        InputStream clear;
        try {
            PGPSessionKey sessionKey = data.getSessionKey(new BcPublicKeyDataDecryptorFactory(privateKey(us, data)));
            if (sessionKey.getAlgorithm() != SymmetricKeyAlgorithmTags.AES_256
                    && sessionKey.getAlgorithm() != SymmetricKeyAlgorithmTags.AES_128) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment uses an unsupported cipher");
            }
            clear = data.getDataStream(new JceSessionKeyDataDecryptorFactoryBuilder().build(sessionKey));
        } catch (PGPException | RuntimeException e) {
            throw reject(
                    EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, "no usable session key for this organisation");
        }
        if (!data.isIntegrityProtected()) {
            throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment has no integrity protection");
        }
        MessageDigest sha256 = sha256();
        long size = 0;
        try {
            PGPObjectFactory inner = new PGPObjectFactory(clear, new BcKeyFingerprintCalculator());
            Object first = inner.nextObject();
            if (first instanceof PGPCompressedData) {
                throw reject(EnvelopeRejectedException.Kind.COMPRESSION_BOMB, "compressed attachments are refused");
            }
            if (!(first instanceof PGPLiteralData literal)) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment holds no literal data");
            }
            InputStream in = literal.getInputStream();
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                size += n;
                if (size > expected.size()) {
                    throw reject(
                            EnvelopeRejectedException.Kind.TOO_LARGE,
                            "the attachment is larger than its manifest says");
                }
                sha256.update(buffer, 0, n);
                plaintext.write(buffer, 0, n);
            }
            if (inner.nextObject() != null) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "unexpected packets after the attachment");
            }
            if (!data.verify()) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment's integrity check failed");
            }
        } catch (PGPException | IOException | RuntimeException e) {
            throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment is damaged");
        }
        byte[] actual = HexFormat.of().formatHex(sha256.digest()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (size != expected.size()
                || !MessageDigest.isEqual(
                        actual, expected.sha256().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw reject(
                    EnvelopeRejectedException.Kind.HEADER_MISMATCH, "the attachment is not the one the envelope names");
        }
    }

    private static PGPPublicKeyEncryptedData ourEncryptedData(InputStream ciphertext, UnlockedOrganisationKey key)
            throws EnvelopeRejectedException {
        try {
            PGPObjectFactory factory = new PGPObjectFactory(ciphertext, new BcKeyFingerprintCalculator());
            Object o = factory.nextObject();
            while (o instanceof PGPMarker) {
                o = factory.nextObject();
            }
            if (!(o instanceof PGPEncryptedDataList list)) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "not an encrypted OpenPGP message");
            }
            for (Iterator<PGPEncryptedData> it = list.iterator(); it.hasNext(); ) {
                if (it.next() instanceof PGPPublicKeyEncryptedData pk
                        && pk.getKeyIdentifier() != null
                        && key.openPgp().getSecretKey(pk.getKeyIdentifier()) != null
                        && key.mayDecryptWith(pk.getKeyIdentifier())) {
                    return pk;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw reject(EnvelopeRejectedException.Kind.MALFORMED, "not an encrypted OpenPGP message");
        }
        throw reject(
                EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, "no encrypted session key for this organisation");
    }

    private static PGPPrivateKey privateKey(UnlockedOrganisationKey us, PGPPublicKeyEncryptedData data)
            throws PGPException {
        synchronized (us) { // Bouncy Castle key objects are not safe for concurrent use (Envelopes.decrypt)
            return privateKeyHoldingKey(us, data);
        }
    }

    private static PGPPrivateKey privateKeyHoldingKey(UnlockedOrganisationKey us, PGPPublicKeyEncryptedData data)
            throws PGPException {
        return us.openPgp()
                .getSecretKey(data.getKeyIdentifier())
                .unlock()
                .getKeyPair()
                .getPrivateKey();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnvelopeRejectedException reject(EnvelopeRejectedException.Kind kind, String reason) {
        return new EnvelopeRejectedException(kind, reason);
    }
}
