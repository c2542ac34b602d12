package org.amicus.core.platform.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A test clock: the base clock moved ahead by the ISO-8601 duration written in a file (e.g. {@code PT2H}); no file
 * or an empty one is no offset. The file is read again at most every {@value #REREAD_MILLIS} ms, so a test moves
 * a running node's time by writing the file. Never moves backwards: a smaller offset than before is ignored.
 */
public final class OffsetFileClock extends Clock {

    static final long REREAD_MILLIS = 200;

    private final Path file;
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;
    private volatile long readAt = Long.MIN_VALUE;

    public OffsetFileClock(Path file, Clock base) {
        this.file = file;
        this.base = base;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset());
    }

    Duration offset() {
        long now = System.nanoTime() / 1_000_000;
        if (now - readAt >= REREAD_MILLIS || readAt == Long.MIN_VALUE) {
            readAt = now;
            try {
                String text = Files.exists(file)
                        ? Files.readString(file, StandardCharsets.UTF_8).strip()
                        : "";
                Duration d = text.isEmpty() ? Duration.ZERO : Duration.parse(text);
                if (d.compareTo(offset) > 0) {
                    offset = d;
                }
            } catch (IOException | DateTimeParseException e) {
                // keep the last offset: a test half-way through writing the file
            }
        }
        return offset;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // the node works in UTC only
    }
}
