package org.amicus.core.bulletin.entity;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * When a recurring bulletin series publishes: weekly on a weekday, or monthly on a day of the month (the last day
 * of a shorter month when the day does not exist in it), at a local time in the publisher's time zone, so that
 * "monthly on the 1st at 09:00 in Kyiv" stays at 09:00 across daylight-saving changes.
 */
public record Recurrence(Frequency frequency, int day, LocalTime at, ZoneId zone) {

    /** How often. */
    public enum Frequency {
        WEEKLY,
        MONTHLY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Frequency parse(String text) {
            for (Frequency f : values()) {
                if (f.wireName().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new InvalidBulletinException("unknown frequency '" + text + "': weekly or monthly");
        }
    }

    public Recurrence {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        if (frequency == Frequency.WEEKLY && (day < 1 || day > 7)) {
            throw new InvalidBulletinException("a weekly series names its weekday: 1 (Monday) to 7 (Sunday)");
        }
        if (frequency == Frequency.MONTHLY && (day < 1 || day > 31)) {
            throw new InvalidBulletinException("a monthly series names its day of the month: 1 to 31");
        }
    }

    /** @throws InvalidBulletinException for an unknown time zone */
    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidBulletinException("unknown time zone '" + id + "' (e.g. Europe/Kyiv, Asia/Beirut, UTC)");
        }
    }

    /** The first issue strictly after {@code after}. */
    public Instant next(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        LocalDate date = from.toLocalDate();
        for (int i = 0; i < 3; i++) {
            LocalDate candidate = candidate(date, i);
            ZonedDateTime at = ZonedDateTime.of(candidate, this.at, zone);
            if (at.toInstant().isAfter(after)) {
                return at.toInstant();
            }
        }
        throw new IllegalStateException("no next issue"); // not reached: the third candidate is a period later
    }

    private LocalDate candidate(LocalDate from, int periodsAhead) {
        if (frequency == Frequency.WEEKLY) {
            return from.with(TemporalAdjusters.nextOrSame(DayOfWeek.of(day))).plusWeeks(periodsAhead);
        }
        YearMonth month = YearMonth.from(from).plusMonths(periodsAhead);
        return month.atDay(Math.min(day, month.lengthOfMonth()));
    }
}
