package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import org.amicus.core.membership.control.CredentialCrypto;
import org.amicus.messaging.envelope.Credentials;

/**
 * People's credentials on this node: Argon2id hashes (at most a few at a time, each takes 19 MiB, so a
 * burst of sign-ins cannot exhaust the heap) and TOTP secrets sealed under {@code keys/credentials.key},
 * a random AES key kept beside the organisation key and never in the database: a copy of the database
 * alone yields no second factor.
 */
@ApplicationScoped
public class NodeCredentialCrypto implements CredentialCrypto {

    private static final int CONCURRENT_HASHES =
            Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Semaphore hashing = new Semaphore(CONCURRENT_HASHES, true);

    @Inject
    IdentitySettings settings;

    private volatile NodeKeyFile keyFile;

    @Override
    public String hashPassword(char[] password) {
        hashing.acquireUninterruptibly();
        try {
            return Credentials.hashPassword(password);
        } finally {
            hashing.release();
        }
    }

    @Override
    public boolean passwordMatches(char[] password, String hash) {
        hashing.acquireUninterruptibly();
        try {
            return Credentials.passwordMatches(password, hash);
        } finally {
            hashing.release();
        }
    }

    @Override
    public byte[] newTotpSecret() {
        return Credentials.randomSecret(20);
    }

    @Override
    public int hotp(byte[] secret, long counter) {
        return Credentials.hotp(secret, counter);
    }

    @Override
    public byte[] seal(byte[] secret) {
        return Credentials.seal(key(), secret);
    }

    @Override
    public byte[] unseal(byte[] sealed) {
        return Credentials.unseal(key(), sealed);
    }

    private byte[] key() {
        NodeKeyFile f = keyFile;
        if (f == null) {
            f = new NodeKeyFile(settings, "credentials.key");
            keyFile = f;
        }
        return f.key();
    }
}
