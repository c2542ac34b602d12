package org.amicus.messaging.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;

/** A peer organisation's public OpenPGP certificate, as kept in the key directory. */
public final class OrganisationCertificate {

    private final OpenPGPCertificate certificate;

    OrganisationCertificate(OpenPGPCertificate certificate) {
        this.certificate = Objects.requireNonNull(certificate);
    }

    /** Parses an armored or binary certificate; a secret key is refused (only public parts travel). */
    public static OrganisationCertificate parse(byte[] bytes) throws KeyProtectionException {
        OpenPGPCertificate parsed;
        try {
            parsed = new OpenPGPKeyReader().parseCertificateOrKey(bytes);
        } catch (IOException | RuntimeException e) {
            throw new KeyProtectionException(KeyProtectionException.Reason.UNREADABLE, "not an OpenPGP certificate");
        }
        if (parsed == null) {
            throw new KeyProtectionException(KeyProtectionException.Reason.UNREADABLE, "not an OpenPGP certificate");
        }
        if (parsed.isSecretKey()) {
            throw new KeyProtectionException(
                    KeyProtectionException.Reason.SECRET_KEY_GIVEN,
                    "a secret key was given where a certificate belongs; send only the public certificate");
        }
        return new OrganisationCertificate(parsed);
    }

    public static OrganisationCertificate parse(String armored) throws KeyProtectionException {
        return parse(armored.getBytes(StandardCharsets.US_ASCII));
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate.getFingerprint());
    }

    OpenPGPCertificate openPgp() {
        return certificate;
    }

    @Override
    public String toString() {
        return "OrganisationCertificate[" + fingerprint() + "]";
    }
}
