package org.amicus.messaging.envelope;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/**
 * An organisation's OpenPGP key (docs/protocol/envelope.md §1): an Ed25519 primary key for
 * certification and signing and an X25519 encryption subkey with an expiry, as v4 packets so GnuPG 2.2
 * and Sequoia read them. The secret parts are only ever held encrypted under the operator's
 * passphrase; this class never stores or returns them in the clear.
 */
public final class OrganisationKey {

    /** The one place that fixes the packet version (v6 when Debian's tools read it). */
    static final int KEY_VERSION = PublicKeyPacket.VERSION_4;

    /** Shortest passphrase accepted when a key is created. */
    public static final int MIN_PASSPHRASE_LENGTH = 12;

    private static final BcOpenPGPImplementation IMPLEMENTATION = new BcOpenPGPImplementation();
    private static final OpenPGPApi API = new BcOpenPGPApi(IMPLEMENTATION);

    private final OpenPGPKey key;

    OrganisationKey(OpenPGPKey key) {
        this.key = key;
    }

    /**
     * Creates a new key.
     *
     * @param userId e.g. {@code Amicus node <node-id> (Organisation name)}
     * @param now creation time
     * @param encryptionSubkeyValidity how long the encryption subkey is valid (rotation period)
     * @param passphrase protects the secret key material; not kept
     */
    public static OrganisationKey generate(
            String userId, Instant now, Duration encryptionSubkeyValidity, char[] passphrase)
            throws KeyProtectionException {
        Objects.requireNonNull(userId, "userId");
        checkNewPassphrase(passphrase);
        if (encryptionSubkeyValidity.isNegative() || encryptionSubkeyValidity.isZero()) {
            throw new IllegalArgumentException("the encryption subkey validity must be positive");
        }
        long validitySeconds = encryptionSubkeyValidity.toSeconds();
        char[] secret = passphrase.clone(); // the caller keeps (and wipes) its own array
        try {
            OpenPGPKey key = API.generateKey(KEY_VERSION, Date.from(now))
                    .withPrimaryKey(gen -> gen.generateLegacyEd25519KeyPair(), new SignatureParameters.Callback() {
                        @Override
                        public SignatureParameters apply(SignatureParameters parameters) {
                            // the primary key certifies and signs (envelope.md §1): no signing subkey
                            return parameters.setHashedSubpacketsFunction(subpackets -> {
                                subpackets.removePacketsOfType(SignatureSubpacketTags.KEY_FLAGS);
                                subpackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
                                return preferencesReadByStandardTools(subpackets);
                            });
                        }
                    })
                    .addUserId(userId, new SignatureParameters.Callback() {
                        @Override
                        public SignatureParameters apply(SignatureParameters parameters) {
                            return parameters.setHashedSubpacketsFunction(
                                    OrganisationKey::preferencesReadByStandardTools);
                        }
                    })
                    .addEncryptionSubkey(gen -> gen.generateLegacyX25519KeyPair(), new SignatureParameters.Callback() {
                        @Override
                        public SignatureParameters apply(SignatureParameters parameters) {
                            return parameters.setHashedSubpacketsFunction(subpackets -> {
                                subpackets.setKeyExpirationTime(true, validitySeconds);
                                return subpackets;
                            });
                        }
                    })
                    .build(secret);
            return new OrganisationKey(key);
        } catch (PGPException e) {
            throw new IllegalStateException("key generation failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Algorithm preferences every peer tool understands (GnuPG 2.2 has no SHA-3): AES-256 then AES-128,
     * SHA-512/384/256, no compression.
     */
    private static PGPSignatureSubpacketGenerator preferencesReadByStandardTools(PGPSignatureSubpacketGenerator s) {
        s.removePacketsOfType(SignatureSubpacketTags.PREFERRED_SYM_ALGS);
        s.removePacketsOfType(SignatureSubpacketTags.PREFERRED_HASH_ALGS);
        s.removePacketsOfType(SignatureSubpacketTags.PREFERRED_COMP_ALGS);
        s.setPreferredSymmetricAlgorithms(
                false, new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
        s.setPreferredHashAlgorithms(
                false, new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
        s.setPreferredCompressionAlgorithms(false, new int[] {CompressionAlgorithmTags.UNCOMPRESSED});
        return s;
    }

    /** Reads a protected secret key written by {@link #protectedSecretKey()} (binary or armored). */
    public static OrganisationKey read(byte[] protectedSecretKey) throws KeyProtectionException {
        OpenPGPCertificate parsed;
        try {
            parsed = new OpenPGPKeyReader().parseCertificateOrKey(protectedSecretKey);
        } catch (IOException | RuntimeException e) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.UNREADABLE, "the key file is not an OpenPGP key");
        }
        if (!(parsed instanceof OpenPGPKey key) || !key.isSecretKey()) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.NOT_A_SECRET_KEY, "the key file holds no secret key");
        }
        return new OrganisationKey(key);
    }

    /**
     * Checks the passphrase against the primary secret key.
     *
     * @throws KeyProtectionException when it is empty or wrong; nothing about the key is revealed
     */
    public void checkPassphrase(char[] passphrase) throws KeyProtectionException {
        if (passphrase == null || passphrase.length == 0) {
            throw new KeyProtectionException(KeyProtectionException.Reason.EMPTY_PASSPHRASE, "the passphrase is empty");
        }
        char[] secret = passphrase.clone();
        boolean correct;
        try {
            correct = key.getPrimarySecretKey().isPassphraseCorrect(secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (!correct) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.WRONG_PASSPHRASE, "the passphrase does not unlock the key");
        }
    }

    /**
     * Unlocks every secret part with the passphrase, for use in memory by {@link Envelopes}. Call once
     * at start: each unlock stretches the passphrase with Argon2.
     */
    public UnlockedOrganisationKey unlock(char[] passphrase) throws KeyProtectionException {
        if (passphrase == null || passphrase.length == 0) {
            throw new KeyProtectionException(KeyProtectionException.Reason.EMPTY_PASSPHRASE, "the passphrase is empty");
        }
        try {
            List<OpenPGPKey.OpenPGPSecretKey> open = new ArrayList<>();
            for (OpenPGPKey.OpenPGPSecretKey secret : key.getSecretKeys().values()) {
                open.add(secret.unlock(passphrase.clone()).removePassphrase());
            }
            return new UnlockedOrganisationKey(new OpenPGPKey(open, IMPLEMENTATION));
        } catch (PGPException e) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.WRONG_PASSPHRASE,
                    "the passphrase does not unlock every part of the key");
        }
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(key.getFingerprint());
    }

    /** The public part, as peers keep it. */
    public OrganisationCertificate certificate() {
        return new OrganisationCertificate(key.toCertificate());
    }

    OpenPGPKey openPgp() {
        return key;
    }

    /** The public certificate, ASCII-armored, for peers and for {@code gpg --import}. */
    public String armoredCertificate() {
        try {
            return key.toCertificate().toAsciiArmoredString(PacketFormat.ROUNDTRIP);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret key as stored: every secret part encrypted under the passphrase. */
    public byte[] protectedSecretKey() {
        try {
            return key.getEncoded(PacketFormat.ROUNDTRIP);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The secret key re-protected the way GnuPG 2.2 and Sequoia read it (iterated and salted S2K, CFB,
     * SHA-1 check; they cannot read the Argon2/AEAD protection kept on disk), under the same passphrase.
     * For an operator who must decrypt an exported message with standard tools; never stored.
     */
    public String armoredSecretKeyForStandardTools(char[] passphrase) throws KeyProtectionException {
        checkPassphrase(passphrase);
        try {
            List<PGPSecretKey> reprotected = new ArrayList<>();
            for (OpenPGPKey.OpenPGPSecretKey secret : key.getSecretKeys().values()) {
                // Bouncy Castle may wipe the arrays it is given: each call gets its own copy.
                reprotected.add(secret.unlock(passphrase.clone())
                        .changePassphrase(passphrase.clone(), IMPLEMENTATION, false)
                        .getPGPSecretKey());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                new PGPSecretKeyRing(reprotected).encode(armored);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(
                    "re-protecting the key failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * A revocation certificate for this organisation key: the bare key-revocation signature, armored, as {@code gpg
     * --gen-revoke} writes it (reason "key compromised", so no signature of the key counts any more). The key itself
     * is not changed: an operator makes the certificate ahead of need, keeps it offline with the backup, and hands it
     * to every peer when the key or its passphrase is lost or exposed. A peer that imports it refuses everything from
     * and to the key, and its broker stops admitting this node.
     */
    public String armoredRevocationCertificate(char[] passphrase, Instant now) throws KeyProtectionException {
        checkPassphrase(passphrase);
        try {
            OpenPGPKey revoked = API.editKey(key, passphrase.clone())
                    .revokeKey(new SignatureParameters.Callback() {
                        @Override
                        public SignatureParameters apply(SignatureParameters parameters) {
                            return parameters
                                    .setSignatureCreationTime(Date.from(now))
                                    .setHashedSubpacketsFunction(subpackets -> {
                                        subpackets.removePacketsOfType(SignatureSubpacketTags.REVOCATION_REASON);
                                        subpackets.setRevocationReason(
                                                true,
                                                RevocationReasonTags.KEY_COMPROMISED,
                                                "revoked by the operator of " + userId());
                                        return subpackets;
                                    });
                        }
                    })
                    .done();
            Iterator<PGPSignature> revocations =
                    revoked.getPrimaryKey().getPGPPublicKey().getSignaturesOfType(PGPSignature.KEY_REVOCATION);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                revocations.next().encode(armored);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("making the revocation certificate failed: " + e.getMessage(), e);
        }
    }

    /** The encryption subkeys and when each expires (empty when none is valid now). */
    public List<Subkey> encryptionSubkeys(Instant at) {
        return key.getEncryptionKeys(Date.from(at)).stream()
                .map(k -> new Subkey(
                        Fingerprint.of(k.getPGPPublicKey().getFingerprint()),
                        k.getCreationTime().toInstant(),
                        expiry(k)))
                .toList();
    }

    private static Instant expiry(OpenPGPCertificate.OpenPGPComponentKey k) {
        long seconds = k.getPGPPublicKey().getValidSeconds();
        return seconds == 0 ? null : k.getCreationTime().toInstant().plusSeconds(seconds);
    }

    /**
     * A new encryption subkey (X25519, valid for {@code validity} from {@code now}), certified by the
     * primary key and protected under the same passphrase (issue 3 item 6: rotation). The older subkeys
     * stay until {@link #withoutSubkeys} destroys them.
     */
    public OrganisationKey withNewEncryptionSubkey(Instant now, Duration validity, char[] passphrase)
            throws KeyProtectionException {
        checkPassphrase(passphrase);
        long validitySeconds = validity.toSeconds();
        if (validitySeconds <= 0) {
            throw new IllegalArgumentException("the encryption subkey validity must be positive");
        }
        try {
            PGPKeyPair pair = new BcPGPKeyPairGeneratorProvider()
                    .get(KEY_VERSION, Date.from(now))
                    .generateLegacyX25519KeyPair();
            OpenPGPKey rotated = API.editKey(key, passphrase.clone())
                    .addEncryptionSubkey(pair, new SignatureParameters.Callback() {
                        @Override
                        public SignatureParameters apply(SignatureParameters parameters) {
                            return parameters
                                    .setSignatureCreationTime(Date.from(now))
                                    .setHashedSubpacketsFunction(subpackets -> {
                                        subpackets.removePacketsOfType(SignatureSubpacketTags.KEY_EXPIRE_TIME);
                                        subpackets.setKeyExpirationTime(true, validitySeconds);
                                        return subpackets;
                                    });
                        }
                    })
                    // the editor stores a new subkey unprotected: protect it like the rest (AEAD, Argon2)
                    .changePassphrase(pair.getKeyIdentifier(), (char[]) null, passphrase.clone(), true)
                    .done();
            return new OrganisationKey(rotated);
        } catch (PGPException e) {
            throw new IllegalStateException("adding an encryption subkey failed: " + e.getMessage(), e);
        }
    }

    /**
     * This key without the given subkeys, secret and public parts: once written over the key file,
     * whatever was encrypted to them cannot be decrypted any more, with or without the passphrase.
     * The primary key can never be removed.
     */
    public OrganisationKey withoutSubkeys(Collection<Fingerprint> destroy) {
        PGPSecretKeyRing ring = key.getPGPSecretKeyRing();
        for (Fingerprint fingerprint : destroy) {
            PGPSecretKey secret = null;
            for (Iterator<PGPSecretKey> it = ring.getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey candidate = it.next();
                if (!candidate.isMasterKey()
                        && Fingerprint.of(candidate.getPublicKey().getFingerprint())
                                .equals(fingerprint)) {
                    secret = candidate;
                }
            }
            if (secret == null) {
                throw new IllegalArgumentException("no subkey " + fingerprint + " in this key");
            }
            ring = PGPSecretKeyRing.removeSecretKey(ring, secret);
        }
        return new OrganisationKey(new OpenPGPKey(ring, IMPLEMENTATION));
    }

    /**
     * Every encryption subkey whose secret part this key still holds, valid or expired (retired
     * subkeys stay until they are destroyed).
     */
    public List<Subkey> allEncryptionSubkeys() {
        return Certificates.inspect(armoredCertificate().getBytes(StandardCharsets.US_ASCII))
                .encryptionSubkeys()
                .stream()
                .map(s -> new Subkey(s.fingerprint(), s.created(), s.expires()))
                .toList();
    }

    /** The (first) user id, e.g. {@code Amicus node <node-id> (<organisation>)}. */
    public String userId() {
        var primary = key.getPrimaryUserId();
        return primary == null ? "" : primary.getUserId();
    }

    public Instant created() {
        return key.getPrimaryKey().getCreationTime().toInstant();
    }

    /** A subkey as operators see it. {@code expires} is null for no expiry. */
    public record Subkey(Fingerprint fingerprint, Instant created, Instant expires) {}

    /** Checks that a passphrase is good enough to protect a new key (not empty, long enough). */
    public static void checkNewPassphrase(char[] passphrase) throws KeyProtectionException {
        if (passphrase == null || passphrase.length == 0) {
            throw new KeyProtectionException(KeyProtectionException.Reason.EMPTY_PASSPHRASE, "the passphrase is empty");
        }
        char[] copy = passphrase.clone();
        boolean tooShort = copy.length < MIN_PASSPHRASE_LENGTH;
        Arrays.fill(copy, '\0');
        if (tooShort) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.WEAK_PASSPHRASE,
                    "the passphrase must have at least " + MIN_PASSPHRASE_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "OrganisationKey[" + fingerprint() + "]";
    }
}
