package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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

    private volatile byte[] key;

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
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate(keyFile());
                }
                k = key;
            }
        }
        return k;
    }

    private Path keyFile() {
        return settings.keyFile()
                .map(f -> f.resolveSibling("credentials.key"))
                .orElseThrow(() -> new IllegalStateException(
                        "AMICUS-ACCESS-010 no key directory configured (amicus.identity.key-file)"));
    }

    static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] k = Files.readAllBytes(file);
                if (k.length != 32) {
                    throw new IllegalStateException("AMICUS-ACCESS-011 " + file + " is not a 32-byte key");
                }
                return k;
            }
            Files.createDirectories(file.getParent());
            byte[] k = Credentials.randomSecret(32);
            try {
                Files.write(
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                        k,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.SYNC);
                return k;
            } catch (FileAlreadyExistsException raced) {
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("AMICUS-ACCESS-012 cannot read or create " + file, e);
        }
    }
}
