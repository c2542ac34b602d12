package org.amicus.core.bulletin.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.amicus.core.bulletin.entity.Attachment;
import org.amicus.core.bulletin.entity.BulletinContent;
import org.amicus.core.bulletin.entity.BulletinId;
import org.amicus.core.bulletin.entity.BulletinText;
import org.amicus.core.bulletin.entity.LanguageTag;
import org.amicus.core.bulletin.entity.Recurrence;
import org.amicus.core.bulletin.entity.SeriesId;
import org.amicus.core.bulletin.entity.SeriesText;
import org.amicus.core.bulletin.entity.Translation;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

class BulletinMessagesTest {

    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aPublishedBulletinRoundTripsWithItsLanguagesAndAttachments() {
        BulletinText text = new BulletinText(
                new BulletinContent(List.of(
                        new Translation(new LanguageTag("ar"), "نشرة شهرية", "نص النشرة"),
                        new Translation(new LanguageTag("en"), "Monthly bulletin", "The text"))),
                List.of(new Attachment("form.pdf", "application/pdf", new byte[] {1, 2, 3})),
                Optional.empty());
        BulletinMessages.Published p = new BulletinMessages.Published(
                BulletinId.random(),
                OrgId.random(),
                Optional.of(SeriesId.random()),
                Optional.of("Monthly"),
                Optional.of(7),
                T,
                text);
        BulletinMessages.Published back = BulletinMessages.readPublished(BulletinMessages.write(p));
        assertEquals(p.bulletin(), back.bulletin());
        assertEquals(p.series(), back.series());
        assertEquals(Optional.of(7), back.issue());
        assertEquals(text.content(), back.text().content());
        assertArrayEquals(new byte[] {1, 2, 3}, back.text().attachments().get(0).content());
        BulletinText kept =
                BulletinMessages.readSealedText(BulletinMessages.sealedText(text.withReviewNote("shorter")));
        assertEquals(Optional.of("shorter"), kept.reviewNote());
    }

    @Test
    void seriesReadsAndSubscriptionsRoundTripAndMalformedOnesAreRefused() {
        BulletinMessages.Announcement a = new BulletinMessages.Announcement(
                SeriesId.random(),
                OrgId.random(),
                false,
                "Monthly update",
                Optional.of("for coalition members"),
                Optional.of(
                        new Recurrence(Recurrence.Frequency.MONTHLY, 1, LocalTime.of(9, 0), ZoneId.of("Asia/Beirut"))));
        assertEquals(a, BulletinMessages.readAnnouncement(BulletinMessages.write(a)));
        BulletinMessages.Read r = new BulletinMessages.Read(BulletinId.random(), OrgId.random(), T);
        assertEquals(r, BulletinMessages.readRead(BulletinMessages.write(r)));
        BulletinMessages.Subscription s =
                new BulletinMessages.Subscription(SeriesId.random(), OrgId.random(), false, T);
        assertEquals(s, BulletinMessages.readSubscription(BulletinMessages.write(s)));
        SeriesText st = new SeriesText(
                "Monthly",
                Optional.empty(),
                Optional.of(new BulletinContent(
                        List.of(new Translation(new LanguageTag("uk"), "Оновлення {{period}}", "Випуск {{issue}}")))));
        assertEquals(st, BulletinMessages.readSealedSeries(BulletinMessages.sealedSeries(st)));
        assertThrows(IllegalArgumentException.class, () -> BulletinMessages.readPublished("{\"v\":2}"));
        assertThrows(IllegalArgumentException.class, () -> BulletinMessages.readPublished("nonsense"));
        String bad = BulletinMessages.write(new BulletinMessages.Published(
                        BulletinId.random(),
                        OrgId.random(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        T,
                        new BulletinText(
                                new BulletinContent(List.of(new Translation(new LanguageTag("en"), "t", "b"))),
                                List.of(),
                                Optional.empty())))
                .replace("\"en\"", "\"qq\"");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BulletinMessages.readPublished(bad));
        assertTrue(e.getMessage().contains("unknown language tag"), e.getMessage());
    }
}
