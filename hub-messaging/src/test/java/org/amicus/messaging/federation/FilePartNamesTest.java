package org.amicus.messaging.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.amicus.core.submission.control.FileTransport;
import org.junit.jupiter.api.Test;

/** How the parts of a file are named on the wire and cut (federation.md §3.8). */
class FilePartNamesTest {

    private static final UUID ENVELOPE = UUID.fromString("0b7d1c3e-5a2f-4e8b-9c1d-2f3a4b5c6d7e");

    @Test
    void theFirstPartIsNamedAsAWholeFileWasAndTheOthersCarryTheirNumber() {
        ArtemisFileTransport.Named first = new ArtemisFileTransport.Named(ENVELOPE, "f2", 0);
        assertEquals(ENVELOPE + "/f2", first.name());
        assertEquals(Optional.of(first), ArtemisFileTransport.named(first.name()));
        ArtemisFileTransport.Named fourth = new ArtemisFileTransport.Named(ENVELOPE, "f2", 3);
        assertEquals(ENVELOPE + "/f2/3", fourth.name());
        assertEquals(Optional.of(fourth), ArtemisFileTransport.named(fourth.name()));
        assertEquals(first.group(), fourth.group(), "one message group for all parts of a file");
    }

    @Test
    void aNameThatIsNotAPartOfAFileIsRefused() {
        for (String bad : new String[] {
            ENVELOPE + "/f2/0",
            ENVELOPE + "/f2/03",
            ENVELOPE + "/f2/-1",
            ENVELOPE + "/f2/100000",
            ENVELOPE + "/f2/",
            ENVELOPE + "/f2/1/2",
            ENVELOPE + "/x1",
            ENVELOPE.toString().toUpperCase() + "/f1",
            "f1",
            "",
            ENVELOPE + "/f2/1 "
        }) {
            assertTrue(ArtemisFileTransport.named(bad).isEmpty(), bad);
        }
    }

    @Test
    void aFileIsCutIntoPartsOfAFixedSizeWithTheRestInTheLast() {
        long part = FileTransport.PART_BYTES;
        assertEquals(1, FileTransport.parts(0));
        assertEquals(1, FileTransport.parts(part));
        assertEquals(2, FileTransport.parts(part + 1));
        assertEquals(32, FileTransport.parts(2L << 30));
        assertEquals(part, FileTransport.partBytes(3 * part - 5, 1));
        assertEquals(part - 5, FileTransport.partBytes(3 * part - 5, 2));
        assertEquals(0, FileTransport.partBytes(0, 0));
        assertThrows(IllegalArgumentException.class, () -> FileTransport.partBytes(part, 1));
    }
}
