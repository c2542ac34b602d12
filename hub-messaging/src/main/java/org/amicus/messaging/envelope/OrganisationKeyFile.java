package org.amicus.messaging.envelope;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The organisation key on disk ({@code DATA/keys/organisation.key}): only the protected secret key,
 * owner-readable only, written atomically so a crash never leaves half a key. Creating refuses to
 * overwrite; a wrong passphrase leaves the file untouched.
 */
public final class OrganisationKeyFile {

    private final Path file;

    public OrganisationKeyFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Creates the organisation's key and stores it; refuses if a key is already there. */
    public OrganisationKey create(String userId, Instant now, Duration subkeyValidity, char[] passphrase)
            throws KeyProtectionException, IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "an organisation key already exists");
        }
        OrganisationKey key = OrganisationKey.generate(userId, now, subkeyValidity, passphrase);
        write(key.protectedSecretKey(), false);
        return key;
    }

    /** Reads the stored key and checks the passphrase against it. */
    public OrganisationKey load(char[] passphrase) throws KeyProtectionException, IOException {
        OrganisationKey key = OrganisationKey.read(Files.readAllBytes(file));
        key.checkPassphrase(passphrase);
        return key;
    }

    /**
     * Restores a backup (the protected key as {@link OrganisationKey#protectedSecretKey()} wrote it)
     * after checking that the passphrase opens it; the current file is replaced only then.
     */
    public OrganisationKey restore(byte[] backup, char[] passphrase) throws KeyProtectionException, IOException {
        OrganisationKey key = OrganisationKey.read(backup);
        key.checkPassphrase(passphrase);
        write(key.protectedSecretKey(), true);
        return key;
    }

    /**
     * Stores a changed version of the same key (a new or destroyed subkey), atomically: a crash leaves
     * either the old or the new file. Refuses a different key.
     */
    public void update(OrganisationKey changed) throws KeyProtectionException, IOException {
        OrganisationKey current = OrganisationKey.read(Files.readAllBytes(file));
        if (!current.fingerprint().equals(changed.fingerprint())) {
            throw new IllegalArgumentException("an update must be for the same organisation key");
        }
        write(changed.protectedSecretKey(), true);
    }

    private void write(byte[] bytes, boolean replace) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the operator guide asks for full-disk encryption and a private directory
        }
        Path tmp = Files.createTempFile(dir, ".organisation-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // see above
            }
            Files.write(tmp, bytes);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (replace) {
                moveAtomically(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(file, tmp); // fails if the file appeared meanwhile: never overwrite a key
                Files.delete(tmp);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveAtomically(Path from, Path to, StandardCopyOption option) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, option);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, option);
        }
    }
}
