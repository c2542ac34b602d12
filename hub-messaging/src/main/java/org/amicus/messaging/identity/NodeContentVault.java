package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.messaging.envelope.Credentials;

/** Content kept for later, sealed (AES-256-GCM) under {@code keys/content.key} beside the organisation key. */
@ApplicationScoped
public class NodeContentVault implements ContentVault {

    @Inject
    IdentitySettings settings;

    private volatile byte[] key;

    @Override
    public byte[] seal(byte[] content) {
        return Credentials.seal(key(), content);
    }

    @Override
    public byte[] unseal(byte[] sealed) {
        return Credentials.unseal(key(), sealed);
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = NodeCredentialCrypto.loadOrCreate(keyFile());
                }
                k = key;
            }
        }
        return k;
    }

    private Path keyFile() {
        return settings.keyFile()
                .map(f -> f.resolveSibling("content.key"))
                .orElseThrow(() -> new IllegalStateException(
                        "AMICUS-FEDERATION-040 no key directory configured (amicus.identity.key-file)"));
    }
}
