package org.amicus.messaging.envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's TLS identity for federation (docs/protocol/federation.md §2): an ECDSA P-256 key pair and a
 * self-signed X.509 certificate, kept in a PKCS#12 file readable by its owner only. Peers do not trust
 * the certificate through any authority: they pin the SHA-256 of its SubjectPublicKeyInfo, which the
 * organisation key vouches for in a {@link TlsBinding}. The key never leaves the node.
 */
public final class TlsIdentity {

    /** How long the certificate and its binding are valid; a new key means a new peering card. */
    public static final Duration VALIDITY = Duration.ofDays(3 * 365);

    static final String ALIAS = "amicus-node-tls";

    private final X509Certificate certificate;

    private TlsIdentity(X509Certificate certificate) {
        this.certificate = certificate;
    }

    /**
     * Creates a new key pair and certificate and writes them to {@code keyStore} (owner-only, written
     * atomically), protected by {@code storePassword}. Refuses to replace an existing file.
     */
    public static TlsIdentity create(Path keyStore, char[] storePassword, String subject, Instant now)
            throws IOException {
        if (Files.exists(keyStore)) {
            throw new IOException(keyStore + " exists; a TLS identity is never replaced silently");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            // the subject names the key (peers recognise keys, not names; a readable name helps operators)
            X509Certificate certificate = selfSigned(
                    pair,
                    subject + " " + TlsBinding.spkiSha256(pair.getPublic()).substring(0, 16),
                    now);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, pair.getPrivate(), storePassword, new X509Certificate[] {certificate});
            Path tmp = keyStore.resolveSibling(keyStore.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, storePassword);
            }
            Files.move(tmp, keyStore, StandardCopyOption.ATOMIC_MOVE);
            return new TlsIdentity(certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a TLS key: " + e.getMessage(), e);
        }
    }

    /** Reads the certificate of an existing key store (the password proves the store is intact). */
    public static TlsIdentity load(Path keyStore, char[] storePassword) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, storePassword);
            if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)
                    || !(store.getKey(ALIAS, storePassword) instanceof PrivateKey)) {
                throw new IOException(keyStore + " holds no Amicus TLS key");
            }
            return new TlsIdentity(certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException(keyStore + " cannot be read: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Lower-case hex SHA-256 of the certificate's SubjectPublicKeyInfo: what peers pin. */
    public String spkiSha256() {
        return TlsBinding.spkiSha256(certificate.getPublicKey());
    }

    /** The binding of this key to {@code nodeId}, valid as long as the certificate. */
    public TlsBinding bindingFor(String nodeId) {
        return TlsBinding.of(
                nodeId, certificate.getPublicKey(), certificate.getNotAfter().toInstant());
    }

    public String pem() {
        return pem(certificate);
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one PEM or DER X.509 certificate, or refuses it with a reason a user can act on. */
    public static X509Certificate parseCertificate(byte[] pemOrDer) throws CertificateException {
        if (pemOrDer.length > 16 * 1024) {
            throw new CertificateException("a TLS certificate of more than 16 KiB is not one of a node");
        }
        var certificates =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pemOrDer));
        if (certificates.size() != 1) {
            throw new CertificateException("expected exactly one certificate, found " + certificates.size());
        }
        return (X509Certificate) certificates.iterator().next();
    }

    /** The SPKI pin of any certificate. */
    public static String spkiSha256(X509Certificate certificate) {
        return TlsBinding.spkiSha256(certificate.getPublicKey());
    }

    private static X509Certificate selfSigned(KeyPair pair, String subject, Instant now)
            throws OperatorCreationException, CertificateException, IOException {
        X500Name name = new X500Name("CN=" + subject.replaceAll("[,+=\"\\\\<>;#]", " "));
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
        var builder = new JcaX509v3CertificateBuilder(
                        name,
                        serial,
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(VALIDITY)),
                        name,
                        pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
        X509CertificateHolder holder =
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }

    @Override
    public String toString() {
        return "TlsIdentity[spki=" + spkiSha256() + ", until="
                + certificate.getNotAfter().toInstant() + "]";
    }
}
