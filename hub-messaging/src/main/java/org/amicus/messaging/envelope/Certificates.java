package org.amicus.messaging.envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.InvalidCertificateException;
import org.amicus.core.identity.control.InvalidCertificateException.Reason;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Reading and checking peer certificates for the key directory (docs/protocol/envelope.md §1): every
 * self-signature is verified here, explicitly, rather than trusted from the packet order. A certificate
 * is reduced to its primary key, the user ids and subkeys that this primary key certified, and its
 * self-revocations; anything another key bound is dropped and reported.
 */
public final class Certificates {

    private Certificates() {}

    public static CertificateFacts inspect(byte[] bytes) {
        return facts(reduce(parse(bytes)));
    }

    /**
     * Merges an update into a known certificate: a newer copy of the same certificate (new subkeys,
     * new self-signatures, a revocation) or a bare revocation signature of its primary key.
     */
    public static CertificateFacts merge(String knownArmored, byte[] update) {
        PGPPublicKeyRing known = parse(knownArmored.getBytes(StandardCharsets.US_ASCII));
        PGPPublicKeyRing merged;
        Optional<List<PGPSignature>> revocations = bareSignatures(update);
        try {
            if (revocations.isPresent()) {
                PGPPublicKey primary = known.getPublicKey();
                for (PGPSignature revocation : revocations.get()) {
                    if (revocation.getSignatureType() != PGPSignature.KEY_REVOCATION) {
                        throw new InvalidCertificateException(
                                Reason.UNREADABLE, "only key revocation signatures can be imported on their own");
                    }
                    primary = PGPPublicKey.addCertification(primary, revocation);
                }
                merged = PGPPublicKeyRing.insertPublicKey(known, primary);
            } else {
                PGPPublicKeyRing newer = parse(update);
                if (!Arrays.equals(
                        newer.getPublicKey().getFingerprint(),
                        known.getPublicKey().getFingerprint())) {
                    throw new InvalidCertificateException(
                            Reason.UNREADABLE, "the update is for another key than the known one");
                }
                merged = PGPPublicKeyRing.join(known, newer);
            }
        } catch (PGPException e) {
            throw new InvalidCertificateException(Reason.UNREADABLE, "the update cannot be merged: " + e.getMessage());
        }
        return facts(reduce(merged));
    }

    /** The issuer of a bare key-revocation signature (what {@code gpg --gen-revoke} writes). */
    public static Optional<Fingerprint> revocationIssuer(byte[] bytes) {
        return bareSignatures(bytes)
                .filter(sigs -> sigs.size() == 1 && sigs.get(0).getSignatureType() == PGPSignature.KEY_REVOCATION)
                .map(sigs -> sigs.get(0).getHashedSubPackets().getIssuerFingerprint())
                .filter(issuer -> issuer != null && issuer.getKeyVersion() == 4)
                .map(issuer -> Fingerprint.of(issuer.getFingerprint()));
    }

    private static Optional<List<PGPSignature>> bareSignatures(byte[] bytes) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            PGPObjectFactory factory = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
            Object first = factory.nextObject();
            if (!(first instanceof PGPSignatureList list) || factory.nextObject() != null) {
                return Optional.empty();
            }
            List<PGPSignature> sigs = new ArrayList<>();
            list.forEach(sigs::add);
            return Optional.of(sigs);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static PGPPublicKeyRing parse(byte[] bytes) {
        OrganisationCertificate certificate;
        try {
            certificate = OrganisationCertificate.parse(bytes);
        } catch (KeyProtectionException e) {
            throw new InvalidCertificateException(
                    e.reason() == KeyProtectionException.Reason.SECRET_KEY_GIVEN
                            ? Reason.SECRET_KEY
                            : Reason.UNREADABLE,
                    e.getMessage());
        }
        return certificate.openPgp().getPGPPublicKeyRing();
    }

    /** Keeps what the primary key certified; returns the reduced ring and the subkeys it dropped. */
    private static Reduced reduce(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        List<Fingerprint> dropped = new ArrayList<>();
        PGPPublicKeyRing kept = ring;
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey key = it.next();
            if (key.isMasterKey()) {
                continue;
            }
            if (latestValid(primary, key, PGPSignature.SUBKEY_BINDING) == null) {
                dropped.add(Fingerprint.of(key.getFingerprint()));
                kept = PGPPublicKeyRing.removePublicKey(kept, key);
            }
        }
        return new Reduced(kept, dropped);
    }

    private record Reduced(PGPPublicKeyRing ring, List<Fingerprint> dropped) {}

    private static CertificateFacts facts(Reduced reduced) {
        PGPPublicKeyRing ring = reduced.ring();
        PGPPublicKey primary = ring.getPublicKey();
        OpenPGPCertificate certificate = new OpenPGPCertificate(ring);
        List<String> userIds = new ArrayList<>();
        for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
            String uid = it.next();
            if (hasValidCertification(primary, uid)) {
                userIds.add(uid);
            }
        }
        Instant revoked = Optional.ofNullable(latestValid(primary, primary, PGPSignature.KEY_REVOCATION))
                .map(s -> s.getCreationTime().toInstant())
                .orElse(null);
        Instant expiry = primaryExpiry(primary);
        List<CertificateFacts.Subkey> encryption = new ArrayList<>();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey key = it.next();
            if (key.isMasterKey()) {
                continue;
            }
            PGPSignature binding = latestValid(primary, key, PGPSignature.SUBKEY_BINDING);
            PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
            int flags = hashed == null ? 0 : hashed.getKeyFlags();
            if ((flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) == 0) {
                continue;
            }
            Instant created = key.getCreationTime().toInstant();
            long validSeconds = hashed.getKeyExpirationTime();
            PGPSignature revocation = latestValid(primary, key, PGPSignature.SUBKEY_REVOCATION);
            encryption.add(new CertificateFacts.Subkey(
                    Fingerprint.of(key.getFingerprint()),
                    created,
                    validSeconds == 0 ? null : created.plusSeconds(validSeconds),
                    revocation == null ? null : revocation.getCreationTime().toInstant()));
        }
        String armored;
        try {
            armored = certificate.toAsciiArmoredString(PacketFormat.ROUNDTRIP);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new CertificateFacts(
                Fingerprint.of(primary.getFingerprint()),
                userIds,
                primary.getCreationTime().toInstant(),
                expiry,
                revoked,
                encryption,
                reduced.dropped(),
                armored);
    }

    /**
     * When the primary key expires: the key expiration time of its latest valid direct-key signature or
     * of its latest valid user id self-certification (GnuPG puts it there for v4 keys), whichever is
     * earlier; null for never.
     */
    private static Instant primaryExpiry(PGPPublicKey primary) {
        List<PGPSignature> latest = new ArrayList<>();
        PGPSignature direct = latestValid(primary, primary, PGPSignature.DIRECT_KEY);
        if (direct != null) {
            latest.add(direct);
        }
        for (Iterator<String> it = primary.getUserIDs(); it.hasNext(); ) {
            PGPSignature uid = latestValidCertification(primary, it.next());
            if (uid != null) {
                latest.add(uid);
            }
        }
        Instant created = primary.getCreationTime().toInstant();
        return latest.stream()
                .map(PGPSignature::getHashedSubPackets)
                .filter(h -> h != null && h.getKeyExpirationTime() > 0)
                .map(h -> created.plusSeconds(h.getKeyExpirationTime()))
                .min(Instant::compareTo)
                .orElse(null);
    }

    private static PGPSignature latestValidCertification(PGPPublicKey primary, String uid) {
        PGPSignature latest = null;
        for (Iterator<PGPSignature> it = primary.getSignaturesForID(uid); it != null && it.hasNext(); ) {
            PGPSignature sig = it.next();
            if (sig.isCertification() && issuedBy(sig, primary)) {
                try {
                    sig.init(new BcPGPContentVerifierBuilderProvider(), primary);
                    if (sig.verifyCertification(uid, primary)
                            && (latest == null || sig.getCreationTime().after(latest.getCreationTime()))) {
                        latest = sig;
                    }
                } catch (PGPException | RuntimeException e) {
                    // not a valid self-certification: ignored
                }
            }
        }
        return latest;
    }

    private static boolean hasValidCertification(PGPPublicKey primary, String uid) {
        return latestValidCertification(primary, uid) != null;
    }

    /**
     * The newest signature of this type on {@code target} that the primary key made and that verifies;
     * null if none does.
     */
    private static PGPSignature latestValid(PGPPublicKey primary, PGPPublicKey target, int type) {
        PGPSignature latest = null;
        for (Iterator<PGPSignature> it = target.getSignaturesOfType(type); it.hasNext(); ) {
            PGPSignature sig = it.next();
            if (!issuedBy(sig, primary)) {
                continue;
            }
            try {
                sig.init(new BcPGPContentVerifierBuilderProvider(), primary);
                boolean valid =
                        target == primary ? sig.verifyCertification(primary) : sig.verifyCertification(primary, target);
                if (valid && (latest == null || sig.getCreationTime().after(latest.getCreationTime()))) {
                    latest = sig;
                }
            } catch (PGPException | RuntimeException e) {
                // a signature that does not verify counts as absent
            }
        }
        return latest;
    }

    private static boolean issuedBy(PGPSignature sig, PGPPublicKey primary) {
        return sig.getKeyID() == primary.getKeyID()
                || sig.getKeyIdentifiers().stream().anyMatch(k -> k.matches(primary.getKeyIdentifier()));
    }
}
