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
        Sealing sealing = sealing(plaintext, recipients);
        try (sealing) {
            sealing.transferTo(ciphertext);
        }
        return sealing.sealed();
    }

    /**
     * The attachment's ciphertext as a stream that encrypts {@code plaintext} as it is read (for a sender that pulls,
     * such as a large message's body): about 64 KiB in memory whatever the size. {@link Sealing#sealed()} gives the
     * SHA-256 and size of the plaintext once the stream has been read to its end.
     */
    public static Sealing sealing(InputStream plaintext, Collection<OrganisationCertificate> recipients) {
        return sealing(plaintext, recipients, sha256());
    }

    /**
     * As {@link #sealing(InputStream, Collection)}, carrying the plaintext on into {@code sha256} (the caller's: a file
     * sent in parts is hashed whole over its parts); {@link Sealing#sealed()} gives its value at the end.
     */
    public static Sealing sealing(
            InputStream plaintext, Collection<OrganisationCertificate> recipients, MessageDigest sha256) {
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
        return new Sealing(plaintext, generator, sha256);
    }

    /** Ciphertext pulled from plaintext: each read encrypts the next piece of the plaintext. */
    public static final class Sealing extends InputStream {
        private final InputStream plaintext;
        private final PGPEncryptedDataGenerator generator;
        private final Buffer sink = new Buffer();
        private final byte[] piece = new byte[BUFFER];
        private final MessageDigest sha256;
        private OutputStream encrypted;
        private OutputStream literal;
        private long size;
        private boolean done;

        private Sealing(InputStream plaintext, PGPEncryptedDataGenerator generator, MessageDigest sha256) {
            this.plaintext = plaintext;
            this.generator = generator;
            this.sha256 = sha256;
        }

        /** The plaintext's SHA-256 and size, once the ciphertext has been read to its end. */
        public Sealed sealed() {
            if (!done) {
                throw new IllegalStateException("the attachment has not been read to its end");
            }
            try {
                return new Sealed(HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest()), size);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (sink.available() == 0 && !done) {
                fill();
            }
            return sink.available() == 0 ? -1 : sink.take(b, off, len);
        }

        private void fill() throws IOException {
            try {
                if (encrypted == null) {
                    encrypted = generator.open(sink, new byte[BUFFER]);
                    literal = new PGPLiteralDataGenerator()
                            .open(encrypted, PGPLiteralData.BINARY, "", PGPLiteralData.NOW, new byte[BUFFER]);
                }
                int n = plaintext.read(piece);
                if (n < 0) {
                    literal.close();
                    encrypted.close();
                    done = true;
                } else if (n > 0) {
                    sha256.update(piece, 0, n);
                    literal.write(piece, 0, n);
                    size += n;
                }
            } catch (PGPException e) {
                throw new IOException("sealing the attachment failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            plaintext.close();
        }
    }

    /** A growable byte queue the encryptor writes into and the reader takes from. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[2 * BUFFER + 1024];
        private int start;
        private int end;

        int available() {
            return end - start;
        }

        int take(byte[] b, int off, int len) {
            int n = Math.min(len, end - start);
            System.arraycopy(bytes, start, b, off, n);
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
            return n;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (end + len > bytes.length) {
                System.arraycopy(bytes, start, bytes, 0, end - start);
                end -= start;
                start = 0;
                if (end + len > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + len));
                }
            }
            System.arraycopy(b, off, bytes, end, len);
            end += len;
        }
    }

    /**
     * Decrypts an attachment into {@code plaintext}, checking it against the manifest's {@code expected}
     * size and SHA-256 and the MDC. Compressed data is refused; more data than announced stops at once.
     */
    public static void open(InputStream ciphertext, OutputStream plaintext, UnlockedOrganisationKey us, Sealed expected)
            throws EnvelopeRejectedException, IOException {
        try (InputStream in = opening(ciphertext, us, expected)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                plaintext.write(buffer, 0, n);
            }
        } catch (Rejected e) {
            throw e.rejection();
        }
    }

    /**
     * The plaintext of an attachment as a stream, checked against the manifest's {@code expected} size and SHA-256
     * and the MDC as it is read: more bytes than announced, damage, another file or a failed MDC throw
     * {@link Rejected} (an {@link IOException}) at the latest where the stream would end, so a reader that reached
     * the end without an exception holds exactly the file the manifest names. What was read before an exception must
     * be discarded.
     *
     * @throws EnvelopeRejectedException at once if the attachment is not addressed to {@code us} or not decryptable
     */
    public static InputStream opening(InputStream ciphertext, UnlockedOrganisationKey us, Sealed expected)
            throws EnvelopeRejectedException {
        PGPPublicKeyEncryptedData data = ourEncryptedData(ciphertext, us);
        InputStream clear;
        try {
            PGPSessionKey sessionKey = data.getSessionKey(new BcPublicKeyDataDecryptorFactory(privateKey(us, data)));
            if (sessionKey.getAlgorithm() != SymmetricKeyAlgorithmTags.AES_256
                    && sessionKey.getAlgorithm() != SymmetricKeyAlgorithmTags.AES_128) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment uses an unsupported cipher");
            }
            clear = data.getDataStream(CfbDecryption.factory(sessionKey)); // AES-CFB a buffer at a time
        } catch (PGPException | RuntimeException e) {
            throw reject(
                    EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, "no usable session key for this organisation");
        }
        if (!data.isIntegrityProtected()) {
            throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment has no integrity protection");
        }
        return new Opening(data, clear, expected);
    }

    /**
     * The plaintext of one part of a file sent in parts (federation.md §3.8), checked as it is read against the part's
     * {@code size} and the MDC, as {@link #opening} does; the SHA-256 the manifest names is the whole file's, which
     * the caller carries on over the parts and checks after the last.
     *
     * @throws EnvelopeRejectedException at once if the part is not addressed to {@code us} or not decryptable
     */
    public static InputStream openingPart(InputStream ciphertext, UnlockedOrganisationKey us, long size)
            throws EnvelopeRejectedException {
        return opening(ciphertext, us, new Sealed(null, size));
    }

    /** An attachment refused while it was read; {@link #rejection()} says why. */
    public static final class Rejected extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient EnvelopeRejectedException rejection;

        Rejected(EnvelopeRejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }

        public EnvelopeRejectedException rejection() {
            return rejection;
        }
    }

    private static final class Opening extends InputStream {
        private final PGPPublicKeyEncryptedData data;
        private final InputStream clear;
        private final Sealed expected;
        private final MessageDigest sha256 = sha256();
        private PGPObjectFactory inner;
        private InputStream literal;
        private long size;
        private boolean done;

        Opening(PGPPublicKeyEncryptedData data, InputStream clear, Sealed expected) {
            this.data = data;
            this.clear = clear;
            this.expected = expected;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                if (literal == null) {
                    inner = new PGPObjectFactory(clear, new BcKeyFingerprintCalculator());
                    Object first = inner.nextObject();
                    if (first instanceof PGPCompressedData) {
                        throw reject(
                                EnvelopeRejectedException.Kind.COMPRESSION_BOMB, "compressed attachments are refused");
                    }
                    if (!(first instanceof PGPLiteralData l)) {
                        throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment holds no literal data");
                    }
                    literal = l.getInputStream();
                }
                int n = literal.read(b, off, len);
                if (n > 0) {
                    size += n;
                    if (size > expected.size()) {
                        throw reject(
                                EnvelopeRejectedException.Kind.TOO_LARGE,
                                "the attachment is larger than its manifest says");
                    }
                    if (expected.sha256() != null) { // a part's whole-file hash is the caller's
                        sha256.update(b, off, n);
                    }
                    return n;
                }
                if (n == 0) {
                    return 0;
                }
                finish();
                return -1;
            } catch (EnvelopeRejectedException e) {
                done = true;
                throw new Rejected(e);
            } catch (PGPException | IOException | RuntimeException e) {
                done = true;
                throw new Rejected(reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment is damaged"));
            }
        }

        private void finish() throws EnvelopeRejectedException, IOException, PGPException {
            done = true;
            if (inner.nextObject() != null) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "unexpected packets after the attachment");
            }
            if (!data.verify()) {
                throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the attachment's integrity check failed");
            }
            byte[] actual =
                    HexFormat.of().formatHex(sha256.digest()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (size != expected.size()
                    || expected.sha256() != null
                            && !MessageDigest.isEqual(
                                    actual, expected.sha256().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw reject(
                        EnvelopeRejectedException.Kind.HEADER_MISMATCH,
                        "the attachment is not the one the envelope names");
            }
        }

        @Override
        public void close() throws IOException {
            clear.close();
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
