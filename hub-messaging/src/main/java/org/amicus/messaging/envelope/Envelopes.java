package org.amicus.messaging.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.MessageEncryptionMechanism;
import org.bouncycastle.openpgp.api.OpenPGPEncryptionNegotiator;
import org.bouncycastle.openpgp.api.OpenPGPMessageGenerator;
import org.bouncycastle.openpgp.api.OpenPGPMessageInputStream;
import org.bouncycastle.openpgp.api.OpenPGPMessageProcessor;
import org.bouncycastle.openpgp.api.OpenPGPSignature;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
import org.bouncycastle.openpgp.api.exception.InvalidEncryptionKeyException;

/**
 * Seal and open: the envelope operations of the crypto unit (docs/protocol/envelope.md §5 and §6).
 * Opening returns verified content or throws exactly one {@link EnvelopeRejectedException}; on a
 * rejection no plaintext leaves this class (it is buffered, bounded, and wiped).
 */
public final class Envelopes {

    /** Largest inner document accepted when opening (decrypted size). */
    public static final int MAX_INNER_DOCUMENT = 1024 * 1024;

    private static final BcOpenPGPImplementation IMPLEMENTATION = new BcOpenPGPImplementation();

    private static final OpenPGPEncryptionNegotiator V4_ENCRYPTION = new OpenPGPEncryptionNegotiator() {
        @Override
        public MessageEncryptionMechanism negotiateEncryption(OpenPGPMessageGenerator generator) {
            return MessageEncryptionMechanism.integrityProtected(SymmetricKeyAlgorithmTags.AES_256);
        }
    };

    private Envelopes() {}

    /**
     * Signs the document with the sender's key and encrypts it to exactly the recipients named in the
     * header.
     *
     * @param recipients the certificates of every organisation in {@code header.to()}, no others
     */
    public static byte[] seal(
            EnvelopeHeader header,
            InnerDocument document,
            UnlockedOrganisationKey sender,
            Collection<OrganisationCertificate> recipients) {
        synchronized (sender) { // see decrypt: one operation at a time per key
            return sealHoldingKey(header, document, sender, recipients);
        }
    }

    private static byte[] sealHoldingKey(
            EnvelopeHeader header,
            InnerDocument document,
            UnlockedOrganisationKey sender,
            Collection<OrganisationCertificate> recipients) {
        Objects.requireNonNull(header, "header");
        if (!sender.fingerprint().equals(header.from())) {
            throw new IllegalArgumentException("the header names another sender than the key");
        }
        List<Fingerprint> given = recipients.stream()
                .map(OrganisationCertificate::fingerprint)
                .sorted(java.util.Comparator.comparing(Fingerprint::hex))
                .toList();
        if (!given.equals(header.to())) {
            throw new IllegalArgumentException("the certificates must be exactly those of the header's recipients");
        }
        byte[] headerBytes = header.canonicalBytes();
        byte[] inner = document.toBytes(sha256Hex(headerBytes));
        try {
            OpenPGPMessageGenerator generator = new OpenPGPMessageGenerator(IMPLEMENTATION)
                    .setArmored(false)
                    .setCompressionNegotiator((g, policy) -> CompressionAlgorithmTags.UNCOMPRESSED)
                    // SEIPD v1 with PKESK v3: what v4 keys and GnuPG 2.2 read (envelope.md §4)
                    .setPublicKeyBasedEncryptionNegotiator(V4_ENCRYPTION)
                    // SHA-512 (envelope.md §4): GnuPG 2.2 cannot check the SHA3 that key preferences may offer
                    .addSigningKey(sender.openPgp(), new SignatureParameters.Callback() {
                        @Override
                        public SignatureParameters apply(SignatureParameters parameters) {
                            return parameters.setSignatureHashAlgorithm(HashAlgorithmTags.SHA512);
                        }
                    });
            for (OrganisationCertificate recipient : recipients) {
                generator.addEncryptionCertificate(recipient.openPgp());
            }
            ByteArrayOutputStream payload = new ByteArrayOutputStream(inner.length + 512 * recipients.size());
            try (OutputStream out = generator.open(payload)) {
                out.write(inner);
            }
            return new EnvelopeFrame(headerBytes, payload.toByteArray()).toBytes();
        } catch (InvalidEncryptionKeyException e) {
            throw new IllegalArgumentException("a recipient has no valid encryption subkey", e);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }

    /** Everything opening depends on besides the bytes. */
    public record Recipient(
            UnlockedOrganisationKey key,
            KeyDirectoryView directory,
            SeenEnvelopes seen,
            Clock clock,
            long maxPayload) {}

    /** Verifies and decrypts an envelope addressed to {@code us}, or rejects it. */
    public static OpenedEnvelope open(byte[] wire, Recipient us) throws EnvelopeRejectedException {
        EnvelopeFrame frame = EnvelopeFrame.parse(wire, us.maxPayload());
        EnvelopeHeader header = EnvelopeHeader.parse(frame.header());
        if (!header.to().contains(us.key().fingerprint())) {
            throw reject(EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, "this organisation is not a recipient");
        }
        if (!us.clock().instant().isBefore(header.expires())) {
            throw reject(EnvelopeRejectedException.Kind.EXPIRED, "expired at " + header.expires());
        }
        if (us.seen().seen(header.id())) {
            throw reject(EnvelopeRejectedException.Kind.REPLAYED, "envelope " + header.id() + " was opened before");
        }
        KeyDirectoryView.Entry sender = us.directory()
                .lookup(header.from())
                .orElseThrow(
                        () -> reject(EnvelopeRejectedException.Kind.UNKNOWN_SENDER, "sender not in the directory"));
        if (sender.revoked()) {
            throw reject(EnvelopeRejectedException.Kind.REVOKED_SENDER, "the sender's key is revoked");
        }
        byte[] inner = decrypt(frame.payload(), us, sender.certificate());
        try {
            InnerDocument.Bound bound = InnerDocument.parse(inner);
            byte[] expected = sha256Hex(frame.header()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] carried = bound.headerSha256().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, carried)) {
                throw reject(EnvelopeRejectedException.Kind.HEADER_MISMATCH, "the header was changed after sealing");
            }
            us.seen().record(header.id(), header.expires());
            return new OpenedEnvelope(header, header.from(), bound.document());
        } finally {
            Arrays.fill(inner, (byte) 0);
        }
    }

    /** A standard OpenPGP message (not an envelope) that was opened: its verified signer and content. */
    public record ImportedMessage(Fingerprint signer, byte[] content) {}

    /**
     * Opens a plain OpenPGP message made by standard tools (e.g. {@code gpg --sign --encrypt}) and
     * encrypted to this organisation: it must carry exactly one valid signature by {@code signer}, a
     * known and unrevoked key of the directory (the operator names it when importing). The same limits
     * and rejections as for envelopes apply; compressed messages are refused.
     */
    public static ImportedMessage openImported(byte[] message, Recipient us, Fingerprint signer)
            throws EnvelopeRejectedException {
        if (message.length > us.maxPayload()) {
            throw reject(EnvelopeRejectedException.Kind.TOO_LARGE, "message over the limit");
        }
        KeyDirectoryView.Entry entry = us.directory()
                .lookup(signer)
                .orElseThrow(
                        () -> reject(EnvelopeRejectedException.Kind.UNKNOWN_SENDER, "signer not in the directory"));
        if (entry.revoked()) {
            throw reject(EnvelopeRejectedException.Kind.REVOKED_SENDER, "the signer's key is revoked");
        }
        return new ImportedMessage(signer, decrypt(message, us, entry.certificate()));
    }

    /**
     * Opens a plain OpenPGP message made by standard tools and identifies its signer among the keys of
     * the directory ({@code known}): exactly one signature, by a known key that is not revoked, valid.
     */
    public static ImportedMessage openImported(byte[] message, Recipient us, Collection<KeyDirectoryView.Entry> known)
            throws EnvelopeRejectedException {
        if (message.length > us.maxPayload()) {
            throw reject(EnvelopeRejectedException.Kind.TOO_LARGE, "message over the limit");
        }
        List<OrganisationCertificate> certificates =
                known.stream().map(KeyDirectoryView.Entry::certificate).toList();
        Fingerprint[] signer = new Fingerprint[1];
        byte[] content = decrypt(message, us, certificates, signatures -> {
            if (signatures == null || signatures.isEmpty()) {
                // Bouncy Castle lists only signatures by the certificates it was given: unsigned, or signed
                // by a key the directory does not hold; either way the sender cannot be identified
                throw reject(EnvelopeRejectedException.Kind.UNKNOWN_SENDER, "no signature by a key in the directory");
            }
            if (signatures.size() != 1) {
                throw reject(EnvelopeRejectedException.Kind.BAD_SIGNATURE, "more than one signature");
            }
            OpenPGPSignature.OpenPGPDocumentSignature signature = signatures.get(0);
            if (signature.getIssuerCertificate() == null) {
                throw reject(EnvelopeRejectedException.Kind.UNKNOWN_SENDER, "the signer is not in the directory");
            }
            Fingerprint issuer = Fingerprint.of(signature.getIssuerCertificate().getFingerprint());
            KeyDirectoryView.Entry entry = known.stream()
                    .filter(e -> e.certificate().fingerprint().equals(issuer))
                    .findFirst()
                    .orElseThrow(() -> reject(
                            EnvelopeRejectedException.Kind.UNKNOWN_SENDER, "the signer is not in the directory"));
            if (entry.revoked()) {
                throw reject(EnvelopeRejectedException.Kind.REVOKED_SENDER, "the signer's key is revoked");
            }
            if (!validSignatureBy(signatures, entry.certificate())) {
                throw reject(EnvelopeRejectedException.Kind.BAD_SIGNATURE, "the signature is not valid");
            }
            signer[0] = issuer;
        });
        return new ImportedMessage(signer[0], content);
    }

    /** Checks the signatures of a decrypted message; throws to refuse it (its plaintext is then wiped). */
    private interface SignatureCheck {
        void check(List<OpenPGPSignature.OpenPGPDocumentSignature> signatures) throws EnvelopeRejectedException;
    }

    private static byte[] decrypt(byte[] payload, Recipient us, OrganisationCertificate sender)
            throws EnvelopeRejectedException {
        return decrypt(payload, us, List.of(sender), signatures -> {
            if (!validSignatureBy(signatures, sender)) {
                throw reject(
                        EnvelopeRejectedException.Kind.BAD_SIGNATURE, "no valid signature by " + sender.fingerprint());
            }
        });
    }

    /**
     * Bouncy Castle's OpenPGP key and certificate objects keep lazily computed state that is not safe for
     * concurrent use (concurrent opens with a freshly loaded key failed signature checks at random): every
     * operation with the organisation key, and with the certificates it meets, holds the key's lock.
     */
    private static byte[] decrypt(
            byte[] payload, Recipient us, List<OrganisationCertificate> verifiers, SignatureCheck check)
            throws EnvelopeRejectedException {
        synchronized (us.key()) {
            return decryptHoldingKey(payload, us, verifiers, check);
        }
    }

    private static byte[] decryptHoldingKey(
            byte[] payload, Recipient us, List<OrganisationCertificate> verifiers, SignatureCheck check)
            throws EnvelopeRejectedException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(4096);
        OpenPGPMessageInputStream in;
        try {
            OpenPGPMessageProcessor processor = new OpenPGPMessageProcessor(IMPLEMENTATION)
                    .addDecryptionKey(us.key().openPgp());
            for (OrganisationCertificate verifier : verifiers) {
                processor.addVerificationCertificate(verifier.openPgp());
            }
            in = processor.process(new ByteArrayInputStream(payload));
        } catch (PGPException | IOException | RuntimeException e) {
            throw reject(
                    EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US,
                    "no encrypted session key for this organisation");
        }
        try (InputStream data = in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = data.read(buffer)) >= 0) {
                if (plain.size() + n > MAX_INNER_DOCUMENT) {
                    wipe(plain);
                    throw reject(EnvelopeRejectedException.Kind.COMPRESSION_BOMB, "the content exceeds its limit");
                }
                plain.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            wipe(plain);
            throw reject(EnvelopeRejectedException.Kind.MALFORMED, "the encrypted data is damaged");
        }
        OpenPGPMessageInputStream.Result result = in.getResult();
        if (!us.key().mayDecryptWith(result.getDecryptionKey())) {
            wipe(plain);
            throw reject(EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, "encrypted to a revoked subkey");
        }
        if (result.getCompressionAlgorithm() != CompressionAlgorithmTags.UNCOMPRESSED) {
            wipe(plain);
            throw reject(EnvelopeRejectedException.Kind.COMPRESSION_BOMB, "compressed content is refused");
        }
        try {
            check.check(result.getSignatures());
        } catch (EnvelopeRejectedException e) {
            wipe(plain);
            throw e;
        }
        byte[] bytes = plain.toByteArray();
        wipe(plain);
        return bytes;
    }

    private static boolean validSignatureBy(
            List<OpenPGPSignature.OpenPGPDocumentSignature> signatures, OrganisationCertificate sender) {
        if (signatures == null || signatures.size() != 1) {
            return false;
        }
        OpenPGPSignature.OpenPGPDocumentSignature signature = signatures.get(0);
        try {
            return signature.getIssuer() != null
                    && signature.getIssuerCertificate() != null
                    && sender.fingerprint()
                            .equals(Fingerprint.of(
                                    signature.getIssuerCertificate().getFingerprint()))
                    && signature.isValid();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static void wipe(ByteArrayOutputStream out) {
        // ByteArrayOutputStream offers no access to its buffer; overwrite what reset() would reuse
        int size = out.size();
        out.reset();
        out.write(new byte[size], 0, size);
        out.reset();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnvelopeRejectedException reject(EnvelopeRejectedException.Kind kind, String reason) {
        return new EnvelopeRejectedException(kind, reason);
    }
}
