package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code amicus-node peers export}'s options, checked before any call to the node. */
class PeersCommandTest {

    private static final String ENVELOPE = "3f2b8c1e-9d4a-4f6b-8e2d-1a7c5b9e0f34";

    @Test
    void anExportStartsWhereTheLastOneEndedAndTakesAtMostTheLimit() throws Exception {
        assertEquals("", PeersCommand.exportQuery(null, null));
        assertEquals("?after=" + ENVELOPE, PeersCommand.exportQuery(ENVELOPE, null));
        assertEquals("?limit=500", PeersCommand.exportQuery(null, "500"));
        assertEquals("?after=" + ENVELOPE + "&limit=500", PeersCommand.exportQuery(ENVELOPE, "500"));
        // the last entry of a bundle may be a part of an evidence file; an id in capitals is the same envelope
        assertEquals("?after=" + ENVELOPE + "/f2/3", PeersCommand.exportQuery(ENVELOPE + "/f2/3", null));
        assertEquals("?after=" + ENVELOPE + "/f1", PeersCommand.exportQuery(ENVELOPE.toUpperCase() + "/f1", null));
    }

    @Test
    void aStartThatIsNoEnvelopeIdOrALimitBelowOneIsAPlainUsageError() {
        for (String[] args : new String[][] {
            {"export", ENVELOPE, "bundle.amcb", "--after", "yesterday"},
            {"export", ENVELOPE, "bundle.amcb", "--after", "1-2-3-4-5"}, // UUID.fromString would take it
            {"export", ENVELOPE, "bundle.amcb", "--after", ENVELOPE + "/f1/0"}, // part 0 is named without a number
            {"export", ENVELOPE, "bundle.amcb", "--after", ENVELOPE + "/../f1"},
            {"export", ENVELOPE, "bundle.amcb", "--limit", "0"},
            {"export", ENVELOPE, "bundle.amcb", "--limit", "many"},
        }) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = PeersCommand.run(
                    args,
                    Map.of(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String said = err.toString(StandardCharsets.UTF_8);
            assertEquals(LaunchException.USAGE, status, said);
            assertTrue(said.startsWith("amicus-node peers: error: --"), said);
        }
    }
}
