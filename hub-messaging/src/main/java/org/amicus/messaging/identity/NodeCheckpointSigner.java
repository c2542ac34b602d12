package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.amicus.core.audit.control.CheckpointSigner;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.messaging.envelope.DetachedSignatures;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/** Audit checkpoints signed with this node's organisation key (detached OpenPGP, Ed25519/SHA-512). */
@ApplicationScoped
public class NodeCheckpointSigner implements CheckpointSigner {

    @Inject
    NodeKey key;

    @Override
    public Fingerprint signer() {
        return key.current().fingerprint();
    }

    @Override
    public byte[] sign(byte[] canonical) {
        return DetachedSignatures.sign(key.unlocked(), canonical);
    }

    @Override
    public boolean verify(byte[] canonical, byte[] signature, Fingerprint signer) {
        if (!signer.equals(signer())) {
            return false; // only this organisation's own key signs its audit log
        }
        try {
            return DetachedSignatures.verify(canonical, signature, certificate());
        } catch (KeyProtectionException e) {
            return false;
        }
    }

    private volatile OrganisationCertificate parsed;
    private volatile String parsedFrom;

    /** This organisation's certificate, parsed once per version (a rotation adds subkeys). */
    private OrganisationCertificate certificate() throws KeyProtectionException {
        String armored = key.current().certificate();
        if (!armored.equals(parsedFrom)) {
            parsed = OrganisationCertificate.parse(armored);
            parsedFrom = armored;
        }
        return parsed;
    }

    @Override
    public String armor(byte[] signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().build(out)) {
            armored.write(signature);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
