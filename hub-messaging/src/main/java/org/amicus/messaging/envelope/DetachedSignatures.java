package org.amicus.messaging.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureGenerator;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureProcessor;
import org.bouncycastle.openpgp.api.OpenPGPSignature;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;

/**
 * Detached OpenPGP signatures (Ed25519/SHA-512) by an organisation's primary key over canonical bytes:
 * what binds a TLS key to a node and what makes a bundle file the sender's. Verification accepts a
 * signature only if it is valid and made by exactly the expected organisation.
 */
public final class DetachedSignatures {

    private static final BcOpenPGPImplementation IMPLEMENTATION = new BcOpenPGPImplementation();

    private DetachedSignatures() {}

    public static byte[] sign(UnlockedOrganisationKey organisation, byte[] canonical) {
        synchronized (organisation) { // Bouncy Castle key objects are not safe for concurrent use
            try {
                List<OpenPGPSignature.OpenPGPDocumentSignature> signatures = new OpenPGPDetachedSignatureGenerator(
                                IMPLEMENTATION)
                        .addSigningKey(organisation.openPgp(), new SignatureParameters.Callback() {
                            @Override
                            public SignatureParameters apply(SignatureParameters parameters) {
                                return parameters.setSignatureHashAlgorithm(HashAlgorithmTags.SHA512);
                            }
                        })
                        .sign(new ByteArrayInputStream(canonical));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (OpenPGPSignature.OpenPGPDocumentSignature signature : signatures) {
                    signature.getSignature().encode(out);
                }
                return out.toByteArray();
            } catch (IOException | PGPException e) {
                throw new IllegalStateException("signing failed: " + e.getMessage(), e);
            }
        }
    }

    /** True only if {@code signature} is one valid signature over {@code canonical} by {@code organisation}. */
    public static boolean verify(byte[] canonical, byte[] signature, OrganisationCertificate organisation) {
        List<OpenPGPSignature.OpenPGPDocumentSignature> verified;
        try {
            verified = new OpenPGPDetachedSignatureProcessor(IMPLEMENTATION)
                    .addSignatures(new ByteArrayInputStream(signature))
                    .addVerificationCertificate(organisation.openPgp())
                    .process(new ByteArrayInputStream(canonical));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return verified.size() == 1
                && verified.get(0).getIssuerCertificate() != null
                && Fingerprint.of(verified.get(0).getIssuerCertificate().getFingerprint())
                        .equals(organisation.fingerprint())
                && isValid(verified.get(0));
    }

    private static boolean isValid(OpenPGPSignature.OpenPGPDocumentSignature signature) {
        try {
            return signature.isValid();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }
}
