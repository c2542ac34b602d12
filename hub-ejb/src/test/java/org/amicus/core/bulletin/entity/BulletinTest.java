package org.amicus.core.bulletin.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.amicus.core.membership.entity.OrgId;
import org.junit.jupiter.api.Test;

class BulletinTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final OrgId SELF = OrgId.random();

    private static Bulletin draft(Optional<Instant> at) {
        return Bulletin.draft(
                BulletinId.random(),
                SELF,
                Optional.empty(),
                "{}",
                List.of(new LanguageTag("ar")),
                new byte[1],
                at,
                "person:author",
                T0);
    }

    @Test
    void aBulletinIsPublishedOnlyAfterASecondEditorApprovesItAndAtItsTime() {
        Bulletin b = draft(Optional.of(T0.plus(Duration.ofHours(1))));
        assertThrows(BulletinStateException.class, () -> b.approve("person:reviewer", T0), "not in review yet");
        b.submit(T0);
        assertThrows(
                BulletinStateException.class,
                () -> b.redraft("{}", List.of(new LanguageTag("en")), new byte[1], Optional.empty()));
        assertTrue(assertThrows(BulletinStateException.class, () -> b.approve("person:author", T0))
                .getMessage()
                .contains("second editor"));
        assertFalse(b.approve("person:reviewer", T0), "scheduled for its time");
        assertEquals(BulletinState.SCHEDULED, b.state());
        b.reject("person:author", new byte[1], T0); // pulled back before its time, by anyone
        assertEquals(BulletinState.DRAFT, b.state());
        b.submit(T0);
        b.approve("person:reviewer", T0);
        assertFalse(b.due(T0.plus(Duration.ofMinutes(59))));
        assertTrue(b.due(T0.plus(Duration.ofHours(1))));
        b.published(T0.plus(Duration.ofHours(1)));
        assertEquals(BulletinState.PUBLISHED, b.state());
        assertThrows(BulletinStateException.class, () -> b.published(T0.plus(Duration.ofHours(2))));
    }

    @Test
    void aReviewerCanSendItBackAsADraftAndWithoutATimeItIsDueOnApproval() {
        Bulletin b = draft(Optional.empty());
        b.submit(T0);
        b.reject("person:reviewer", new byte[2], T0);
        assertEquals(BulletinState.DRAFT, b.state());
        b.redraft("{}", List.of(new LanguageTag("en"), new LanguageTag("ar")), new byte[3], Optional.empty());
        assertEquals(2, b.languages().size());
        b.submit(T0);
        assertTrue(b.approve("person:reviewer", T0));
    }

    @Test
    void aReceivedBulletinIsReadOnceAndNeverChangedHere() {
        Bulletin in = Bulletin.received(
                BulletinId.random(),
                OrgId.random(),
                Optional.empty(),
                Optional.empty(),
                "{}",
                List.of(new LanguageTag("ar")),
                new byte[1],
                T0,
                T0);
        assertTrue(in.read(T0.plusSeconds(5)));
        assertFalse(in.read(T0.plusSeconds(9)), "the organisation's first read counts, once");
        assertThrows(BulletinStateException.class, () -> in.submit(T0));
    }

    @Test
    void aRecurringSeriesStartsOnApprovalAndPublishesOneIssueForWhatWasMissed() {
        Recurrence monthly = new Recurrence(Recurrence.Frequency.MONTHLY, 1, LocalTime.of(9, 0), ZoneId.of("UTC"));
        BulletinSeries s =
                BulletinSeries.draft(SeriesId.random(), SELF, "{}", new byte[1], Optional.of(monthly), "person:a", T0);
        assertThrows(BulletinStateException.class, () -> s.approve("person:a", T0));
        s.approve("person:b", T0);
        assertEquals(Optional.of(Instant.parse("2027-01-01T09:00:00Z")), s.nextIssueAt());
        Instant late = Instant.parse("2027-03-15T12:00:00Z"); // the node was down for months
        assertTrue(s.issueDue(late));
        assertEquals(1, s.issued(late));
        assertEquals(
                Optional.of(Instant.parse("2027-04-01T09:00:00Z")), s.nextIssueAt(), "one issue, then on schedule");
        assertFalse(s.issueDue(late));
        s.end(late);
        assertFalse(s.issueDue(Instant.parse("2027-05-01T09:00:00Z")));
        assertThrows(BulletinStateException.class, () -> s.subscribe(false, late), "the publisher does not subscribe");
    }

    @Test
    void attachmentsAreSmallAndNamedSafely() {
        Attachment pdf = new Attachment("report.pdf", "application/pdf", new byte[1000]);
        BulletinContent c = new BulletinContent(List.of(new Translation(new LanguageTag("en"), "t", "b")));
        assertEquals(
                1,
                new BulletinText(c, List.of(pdf), Optional.empty())
                        .attachments()
                        .size());
        assertThrows(InvalidBulletinException.class, () -> new Attachment("../x.pdf", "application/pdf", new byte[1]));
        assertThrows(InvalidBulletinException.class, () -> new Attachment("x.pdf", "pdf", new byte[1]));
        assertThrows(
                InvalidBulletinException.class,
                () -> new BulletinText(
                        c,
                        List.of(new Attachment(
                                "big.bin", "application/octet-stream", new byte[Attachment.MAX_TOTAL + 1])),
                        Optional.empty()));
    }
}
