package org.amicus.core.bulletin.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulletinContentTest {

    @Test
    void languageTagsAreBcp47ForKnownLanguagesAndKnowTheirDirection() {
        assertTrue(new LanguageTag("ar").rightToLeft());
        assertTrue(new LanguageTag("fa-IR").rightToLeft());
        assertTrue(new LanguageTag("ckb").rightToLeft());
        assertTrue(new LanguageTag("ku-Arab").rightToLeft());
        assertFalse(new LanguageTag("ku-Latn").rightToLeft());
        assertFalse(new LanguageTag("uk").rightToLeft());
        assertEquals("rtl", new LanguageTag("he").direction());
        assertEquals("pt-BR", new LanguageTag("pt-br").toString());
        assertEquals("Arabic", new LanguageTag("ar").name());
        assertThrows(InvalidBulletinException.class, () -> new LanguageTag("eng-lish-x-"));
        InvalidBulletinException unknown = assertThrows(InvalidBulletinException.class, () -> new LanguageTag("qq"));
        assertTrue(unknown.getMessage().contains("unknown language tag"), unknown.getMessage());
        assertThrows(InvalidBulletinException.class, () -> new LanguageTag(" "));
    }

    @Test
    void aBulletinHasEachLanguageOnceAndAReaderGetsTheNearestVersion() {
        Translation ar = new Translation(new LanguageTag("ar"), "نشرة", "نص النشرة");
        Translation en = new Translation(new LanguageTag("en"), "Bulletin", "The text");
        BulletinContent c = new BulletinContent(List.of(en, ar));
        assertEquals(en, c.original());
        assertEquals(ar, c.forReader(List.of(new LanguageTag("ar-SY"))), "ar-SY reads the Arabic version");
        assertEquals(en, c.forReader(List.of(new LanguageTag("fr"))), "no French: the original");
        assertThrows(InvalidBulletinException.class, () -> new BulletinContent(List.of(en, en)));
        assertThrows(InvalidBulletinException.class, () -> new BulletinContent(List.of()));
        assertThrows(InvalidBulletinException.class, () -> new Translation(new LanguageTag("en"), "", "text"));
        assertThrows(InvalidBulletinException.class, () -> new Translation(new LanguageTag("en"), "a\nb", "text"));
    }

    @Test
    void aMonthlySeriesFallsOnItsDayOrTheMonthsLastAtItsLocalTime() {
        Recurrence monthly =
                new Recurrence(Recurrence.Frequency.MONTHLY, 31, LocalTime.of(9, 0), ZoneId.of("Europe/Kyiv"));
        Instant jan31 = monthly.next(Instant.parse("2027-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2027-01-31T07:00:00Z"), jan31, "09:00 in Kyiv in winter is 07:00 UTC");
        assertEquals(Instant.parse("2027-02-28T07:00:00Z"), monthly.next(jan31), "February has no 31st");
        assertEquals(
                Instant.parse("2027-03-31T06:00:00Z"),
                monthly.next(Instant.parse("2027-02-28T07:00:00Z")),
                "summer time: 09:00 in Kyiv is 06:00 UTC");
        Recurrence weekly = new Recurrence(Recurrence.Frequency.WEEKLY, 1, LocalTime.of(8, 30), ZoneId.of("UTC"));
        assertEquals(
                Instant.parse("2026-12-07T08:30:00Z"),
                weekly.next(Instant.parse("2026-12-01T10:00:00Z")),
                "the next Monday");
        assertEquals(Instant.parse("2026-12-14T08:30:00Z"), weekly.next(Instant.parse("2026-12-07T08:30:00Z")));
        assertThrows(
                InvalidBulletinException.class,
                () -> new Recurrence(Recurrence.Frequency.WEEKLY, 8, LocalTime.NOON, ZoneId.of("UTC")));
        assertThrows(InvalidBulletinException.class, () -> Recurrence.zone("Mars/Olympus"));
        assertThrows(InvalidBulletinException.class, () -> Recurrence.Frequency.parse("hourly"));
    }
}
