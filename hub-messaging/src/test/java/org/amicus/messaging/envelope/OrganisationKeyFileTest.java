package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganisationKeyFileTest {

    private static final char[] PASS = "a long operator passphrase".toCharArray();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void aCreatedKeyIsStoredOwnerOnlyAndLoadsWithItsPassphrase() throws Exception {
        OrganisationKeyFile file = new OrganisationKeyFile(data.resolve("keys/organisation.key"));

        OrganisationKey created = file.create("Org A", NOW, Duration.ofDays(7), PASS);

        assertTrue(file.exists());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file.path().getParent())));
        assertEquals(created.fingerprint(), file.load(PASS).fingerprint());
        try (var files = Files.list(file.path().getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void anExistingKeyIsNeverOverwritten() throws Exception {
        OrganisationKeyFile file = new OrganisationKeyFile(data.resolve("organisation.key"));
        file.create("Org A", NOW, Duration.ofDays(7), PASS);
        byte[] before = Files.readAllBytes(file.path());

        assertThrows(FileAlreadyExistsException.class, () -> file.create("Org A", NOW, Duration.ofDays(7), PASS));

        assertArrayEquals(before, Files.readAllBytes(file.path()));
    }

    @Test
    void aWrongOrEmptyPassphraseLeavesTheFileUntouched() throws Exception {
        OrganisationKeyFile file = new OrganisationKeyFile(data.resolve("organisation.key"));
        file.create("Org A", NOW, Duration.ofDays(7), PASS);
        byte[] before = Files.readAllBytes(file.path());

        var wrong = assertThrows(KeyProtectionException.class, () -> file.load("not the passphrase".toCharArray()));
        var empty = assertThrows(KeyProtectionException.class, () -> file.load(new char[0]));

        assertEquals(KeyProtectionException.Reason.WRONG_PASSPHRASE, wrong.reason());
        assertEquals(KeyProtectionException.Reason.EMPTY_PASSPHRASE, empty.reason());
        assertArrayEquals(before, Files.readAllBytes(file.path()));
    }

    @Test
    void aBackupRestoresOnlyWithItsPassphraseAndGarbageChangesNothing() throws Exception {
        OrganisationKeyFile original = new OrganisationKeyFile(data.resolve("a/organisation.key"));
        OrganisationKey key = original.create("Org A", NOW, Duration.ofDays(7), PASS);
        byte[] backup = key.protectedSecretKey();
        OrganisationKeyFile other = new OrganisationKeyFile(data.resolve("b/organisation.key"));
        OrganisationKey otherKey = other.create("Org B", NOW, Duration.ofDays(7), PASS);

        assertThrows(KeyProtectionException.class, () -> other.restore(backup, "wrong passphrase".toCharArray()));
        assertThrows(
                KeyProtectionException.class, () -> other.restore("garbage".getBytes(StandardCharsets.UTF_8), PASS));
        assertEquals(otherKey.fingerprint(), other.load(PASS).fingerprint(), "a failed restore changes nothing");

        other.restore(backup, PASS);

        assertEquals(key.fingerprint(), other.load(PASS).fingerprint());
    }
}
