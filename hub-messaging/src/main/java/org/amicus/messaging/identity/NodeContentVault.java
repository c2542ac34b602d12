package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.messaging.envelope.Credentials;

/** Content kept for later, sealed (AES-256-GCM) under {@code keys/content.key} beside the organisation key. */
@ApplicationScoped
public class NodeContentVault implements ContentVault {

    @Inject
    IdentitySettings settings;

    private volatile NodeKeyFile keyFile;

    @Override
    public byte[] seal(byte[] content) {
        return Credentials.seal(key(), content);
    }

    @Override
    public byte[] unseal(byte[] sealed) {
        return Credentials.unseal(key(), sealed);
    }

    private byte[] key() {
        NodeKeyFile f = keyFile;
        if (f == null) {
            f = new NodeKeyFile(settings, "content.key");
            keyFile = f;
        }
        return f.key();
    }
}
