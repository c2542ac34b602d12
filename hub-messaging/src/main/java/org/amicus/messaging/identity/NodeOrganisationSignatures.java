package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.messaging.envelope.DetachedSignatures;
import org.amicus.messaging.envelope.KeyDirectoryView;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationCertificate;

/**
 * Roster events and organisation statements signed with this node's organisation key and checked against the
 * key directory (detached OpenPGP, Ed25519/SHA-512: {@code gpg --verify} checks them too).
 */
@ApplicationScoped
public class NodeOrganisationSignatures implements OrganisationSignatures {

    @Inject
    NodeKey key;

    @Inject
    DirectoryKeyView directory;

    @Override
    public byte[] sign(byte[] canonical) {
        return DetachedSignatures.sign(key.unlocked(), canonical);
    }

    @Override
    public boolean verify(byte[] canonical, byte[] signature, Fingerprint signer) {
        if (signature == null || signature.length == 0 || signature.length > 4096) {
            return false;
        }
        Optional<OrganisationCertificate> certificate;
        if (signer.equals(key.current().fingerprint())) {
            try {
                certificate =
                        Optional.of(OrganisationCertificate.parse(key.current().certificate()));
            } catch (KeyProtectionException e) {
                return false;
            }
        } else {
            certificate = directory.lookup(signer).filter(e -> !e.revoked()).map(KeyDirectoryView.Entry::certificate);
        }
        try {
            return certificate.isPresent() && DetachedSignatures.verify(canonical, signature, certificate.get());
        } catch (RuntimeException e) {
            return false; // an unreadable signature verifies nothing
        }
    }
}
