package org.amicus.core.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetFileClockTest {

    @Test
    void theClockRunsAheadByTheDurationInTheFileAndNeverMovesBack(@TempDir Path dir) throws Exception {
        Instant base = Instant.parse("2026-12-01T10:00:00Z");
        Path file = dir.resolve("offset");
        OffsetFileClock clock = new OffsetFileClock(file, Clock.fixed(base, ZoneOffset.UTC));
        assertEquals(base, clock.instant(), "no file: no offset");
        Files.writeString(file, "PT2H\n");
        Thread.sleep(OffsetFileClock.REREAD_MILLIS + 50);
        assertEquals(base.plus(Duration.ofHours(2)), clock.instant());
        Files.writeString(file, "PT1H");
        Thread.sleep(OffsetFileClock.REREAD_MILLIS + 50);
        assertEquals(base.plus(Duration.ofHours(2)), clock.instant(), "time does not run backwards");
        Files.writeString(file, "not a duration");
        Thread.sleep(OffsetFileClock.REREAD_MILLIS + 50);
        assertEquals(base.plus(Duration.ofHours(2)), clock.instant());
    }
}
