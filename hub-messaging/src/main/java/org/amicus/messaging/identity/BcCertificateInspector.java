package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.CertificateInspector;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.messaging.envelope.Certificates;

/** The core's certificate port, answered by the envelope code. */
@ApplicationScoped
public class BcCertificateInspector implements CertificateInspector {

    @Override
    public CertificateFacts inspect(byte[] certificate) {
        return Certificates.inspect(certificate);
    }

    @Override
    public CertificateFacts merge(String knownArmored, byte[] update) {
        return Certificates.merge(knownArmored, update);
    }

    @Override
    public Optional<Fingerprint> revocationIssuer(byte[] bytes) {
        return Certificates.revocationIssuer(bytes);
    }
}
