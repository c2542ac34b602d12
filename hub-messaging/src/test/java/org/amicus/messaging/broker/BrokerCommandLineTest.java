package org.amicus.messaging.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerCommandLineTest {

    @Test
    void parsesTheLaunchersCommandLine() {
        var cli = BrokerCommandLine.parse(new String[] {
            "--data", "/d", "--port", "61617", "--credentials", "/c", "--ready", "/r", "--exit-on-stdin-eof"
        });

        assertEquals(Path.of("/d"), cli.dataDir());
        assertEquals(61617, cli.port());
        assertEquals("127.0.0.1", cli.host());
        assertTrue(cli.exitOnStdinEof());
        assertEquals(100, cli.journalBufferTimeoutMicros());
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> BrokerCommandLine.parse(new String[] {"--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> BrokerCommandLine.parse(new String[] {"--port"}));
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> BrokerCommandLine.parse(new String[] {"--data", "/d", "--port", "x"}));
        assertTrue(e.getMessage().contains("whole number"));
    }

    @Test
    void requiresACompleteCredential() {
        var cli = BrokerCommandLine.parse(new String[] {"--data", "/d", "--port", "1", "--credentials", "/c"});
        Properties p = new Properties();
        p.setProperty("user", "node");

        assertThrows(IllegalArgumentException.class, () -> cli.settings(p));
    }
}
