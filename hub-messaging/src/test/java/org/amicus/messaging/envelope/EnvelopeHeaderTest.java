package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amicus.core.identity.entity.Fingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeHeaderTest {

    static final Fingerprint ORG_A = Fingerprint.parse("1111111111111111111111111111111111111111");
    static final Fingerprint ORG_B = Fingerprint.parse("2222222222222222222222222222222222222222");
    static final Fingerprint ORG_C = Fingerprint.parse("3333333333333333333333333333333333333333");
    static final String NODE_A = "0a0a0a0a-0000-4000-8000-000000000001";
    static final String NODE_B = "0b0b0b0b-0000-4000-8000-000000000002";

    static EnvelopeHeader aHeaderFromAToBAndC() {
        return new EnvelopeHeader(
                UUID.fromString("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b"),
                ORG_A,
                NODE_A,
                List.of(ORG_B, ORG_C),
                List.of(NODE_B),
                Instant.parse("2026-11-23T10:00:00.123456Z"),
                Instant.parse("2026-11-30T10:00:00Z"),
                Priority.NORMAL);
    }

    static final String CANONICAL =
            "{\"created\":\"2026-11-23T10:00:00.123Z\",\"expires\":\"2026-11-30T10:00:00.000Z\","
                    + "\"from\":\"1111111111111111111111111111111111111111\",\"fromNode\":\"" + NODE_A + "\","
                    + "\"id\":\"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b\",\"priority\":\"normal\","
                    + "\"to\":[\"2222222222222222222222222222222222222222\",\"3333333333333333333333333333333333333333\"],"
                    + "\"toNodes\":[\"" + NODE_B + "\"],\"v\":1}";

    @Test
    void aHeaderHasExactlyOneByteFormAndReadsBackEqual() throws Exception {
        EnvelopeHeader header = aHeaderFromAToBAndC();

        assertEquals(CANONICAL, new String(header.canonicalBytes(), StandardCharsets.UTF_8));
        assertEquals(header, EnvelopeHeader.parse(CANONICAL.getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(
                header.canonicalBytes(),
                EnvelopeHeader.parse(header.canonicalBytes()).canonicalBytes());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{}",
                "not json",
                // white space, key order, an extra key: not canonical
                " " + CANONICAL,
                "{\"v\":1," + "\"created\":\"2026-11-23T10:00:00.123Z\"}",
                // recipients out of order
                "{\"created\":\"2026-11-23T10:00:00.123Z\",\"expires\":\"2026-11-30T10:00:00.000Z\",\"from\":\"1111111111111111111111111111111111111111\",\"fromNode\":\"0a0a0a0a-0000-4000-8000-000000000001\",\"id\":\"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b\",\"priority\":\"normal\",\"to\":[\"3333333333333333333333333333333333333333\",\"2222222222222222222222222222222222222222\"],\"toNodes\":[\"0b0b0b0b-0000-4000-8000-000000000002\"],\"v\":1}",
                // a lower-case fingerprint
                "{\"created\":\"2026-11-23T10:00:00.123Z\",\"expires\":\"2026-11-30T10:00:00.000Z\",\"from\":\"aaaa111111111111111111111111111111111111\",\"fromNode\":\"0a0a0a0a-0000-4000-8000-000000000001\",\"id\":\"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b\",\"priority\":\"normal\",\"to\":[\"2222222222222222222222222222222222222222\"],\"toNodes\":[\"0b0b0b0b-0000-4000-8000-000000000002\"],\"v\":1}",
                // expires before created
                "{\"created\":\"2026-11-23T10:00:00.123Z\",\"expires\":\"2026-11-01T10:00:00.000Z\",\"from\":\"1111111111111111111111111111111111111111\",\"fromNode\":\"0a0a0a0a-0000-4000-8000-000000000001\",\"id\":\"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b\",\"priority\":\"normal\",\"to\":[\"2222222222222222222222222222222222222222\"],\"toNodes\":[\"0b0b0b0b-0000-4000-8000-000000000002\"],\"v\":1}",
                // an unknown priority
                "{\"created\":\"2026-11-23T10:00:00.123Z\",\"expires\":\"2026-11-30T10:00:00.000Z\",\"from\":\"1111111111111111111111111111111111111111\",\"fromNode\":\"0a0a0a0a-0000-4000-8000-000000000001\",\"id\":\"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b\",\"priority\":\"urgent\",\"to\":[\"2222222222222222222222222222222222222222\"],\"toNodes\":[\"0b0b0b0b-0000-4000-8000-000000000002\"],\"v\":1}"
            })
    void anythingButTheCanonicalFormOfValidValuesIsMalformed(String text) {
        var e = assertThrows(
                EnvelopeRejectedException.class, () -> EnvelopeHeader.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(EnvelopeRejectedException.Kind.MALFORMED, e.kind(), e.getMessage());
    }

    @Test
    void anotherVersionIsUnsupported() {
        String v2 = CANONICAL.replace("\"v\":1}", "\"v\":2}");

        var e = assertThrows(
                EnvelopeRejectedException.class, () -> EnvelopeHeader.parse(v2.getBytes(StandardCharsets.UTF_8)));
        assertEquals(EnvelopeRejectedException.Kind.UNSUPPORTED_VERSION, e.kind());
    }

    @Test
    void aSealerCannotBuildAnInvalidHeader() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnvelopeHeader(
                        UUID.randomUUID(),
                        ORG_A,
                        NODE_A,
                        List.of(),
                        List.of(NODE_B),
                        t,
                        t.plusSeconds(60),
                        Priority.ALERT));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnvelopeHeader(
                        UUID.randomUUID(),
                        ORG_A,
                        NODE_A,
                        List.of(ORG_C, ORG_B),
                        List.of(NODE_B),
                        t,
                        t.plusSeconds(60),
                        Priority.ALERT));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EnvelopeHeader(
                        UUID.randomUUID(),
                        ORG_A,
                        "node\"a",
                        List.of(ORG_B),
                        List.of(NODE_B),
                        t,
                        t.plusSeconds(60),
                        Priority.ALERT));
    }
}
