package org.amicus.messaging.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.amicus.messaging.envelope.Credentials;

/**
 * A random 32-byte AES key in a file beside the organisation key (owner-only, never in the database), read or
 * made the first time it is needed: {@code credentials.key} for people's authenticator secrets,
 * {@code content.key} for content kept for later.
 */
final class NodeKeyFile {

    private final IdentitySettings settings;
    private final String name;
    private volatile byte[] key;

    NodeKeyFile(IdentitySettings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate(settings.keyFile()
                            .map(f -> f.resolveSibling(name))
                            .orElseThrow(() -> new IllegalStateException(
                                    "AMICUS-ACCESS-010 no key directory configured (amicus.identity.key-file)")));
                }
                k = key;
            }
        }
        return k;
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
