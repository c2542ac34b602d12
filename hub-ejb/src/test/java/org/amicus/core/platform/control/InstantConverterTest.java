package org.amicus.core.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class InstantConverterTest {

    private final InstantConverter converter = new InstantConverter();

    @Test
    void storesUtcWallClockTimeAndReadsTheSameInstantBack() {
        Instant t = Instant.parse("2026-03-29T01:30:00.123456Z");

        LocalDateTime column = converter.convertToDatabaseColumn(t);

        assertEquals(LocalDateTime.parse("2026-03-29T01:30:00.123456"), column);
        assertEquals(t, converter.convertToEntityAttribute(column));
    }

    @Test
    void nullStaysNull() {
        assertNull(converter.convertToDatabaseColumn(null));
        assertNull(converter.convertToEntityAttribute(null));
    }
}
