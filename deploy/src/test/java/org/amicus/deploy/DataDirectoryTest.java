package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aFileIsNotADataDirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "keep me");

        LaunchException e = assertThrows(LaunchException.class, () -> DataDirectory.open(file));

        assertTrue(e.getMessage().contains("is a file, not a directory"));
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReported() {
        LaunchException e =
                assertThrows(LaunchException.class, () -> DataDirectory.open(Path.of("/proc/amicus-cannot-exist")));

        assertTrue(e.getMessage().startsWith("cannot create the data directory"), e.getMessage());
        assertEquals(LaunchException.PRECONDITION, e.exitStatus());
    }

    @Test
    void onlyOneNodeUsesADataDirectory() throws Exception {
        try (DataDirectory first = DataDirectory.open(tmp)) {
            LaunchException e = assertThrows(LaunchException.class, () -> DataDirectory.open(tmp));
            assertTrue(e.getMessage().contains("another node is already running"));
        }
        DataDirectory.open(tmp).close();
    }

    @Test
    void theBrokerCredentialIsCreatedOnceReadableOnlyByTheOwner() throws Exception {
        try (DataDirectory data = DataDirectory.open(tmp)) {
            data.createLayout();
            Properties first = data.brokerCredential();
            Properties again = data.brokerCredential();

            assertEquals(first, again);
            assertTrue(first.getProperty("password").length() >= 40);
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(data.brokerCredentialFile())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.secretsDir())));
        }
    }
}
