package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeFrameTest {

    private static final byte[] HEADER = EnvelopeHeaderTest.CANONICAL.getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = {1, 2, 3, 4, 5};

    @Test
    void framesAndSplitsBack() throws Exception {
        byte[] wire = new EnvelopeFrame(HEADER, PAYLOAD).toBytes();

        EnvelopeFrame back = EnvelopeFrame.parse(wire, 1024);

        assertArrayEquals(HEADER, back.header());
        assertArrayEquals(PAYLOAD, back.payload());
        assertEquals('A', wire[0]);
        assertEquals(1, wire[4]);
    }

    @Test
    void eachWrongFrameIsRejectedWithItsKind() {
        byte[] wire = new EnvelopeFrame(HEADER, PAYLOAD).toBytes();

        assertKind(EnvelopeRejectedException.Kind.MALFORMED, new byte[] {1, 2, 3}, 1024);
        byte[] badMagic = wire.clone();
        badMagic[0] = 'X';
        assertKind(EnvelopeRejectedException.Kind.MALFORMED, badMagic, 1024);
        byte[] v2 = wire.clone();
        v2[4] = 2;
        assertKind(EnvelopeRejectedException.Kind.UNSUPPORTED_VERSION, v2, 1024);
        byte[] longHeader = wire.clone();
        longHeader[5] = 0x7f; // header length far beyond 16 KiB
        assertKind(EnvelopeRejectedException.Kind.TOO_LARGE, longHeader, 1024);
        byte[] overrun = wire.clone();
        overrun[7] = 0x10; // 4 KiB header in a shorter envelope
        assertKind(EnvelopeRejectedException.Kind.MALFORMED, overrun, 1024);
        assertKind(EnvelopeRejectedException.Kind.TOO_LARGE, wire, 4);
    }

    private static void assertKind(EnvelopeRejectedException.Kind kind, byte[] wire, long maxPayload) {
        var e = assertThrows(EnvelopeRejectedException.class, () -> EnvelopeFrame.parse(wire, maxPayload));
        assertEquals(kind, e.kind(), e.getMessage());
    }
}
