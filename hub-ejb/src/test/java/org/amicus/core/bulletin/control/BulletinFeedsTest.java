package org.amicus.core.bulletin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.amicus.core.bulletin.entity.BulletinContent;
import org.amicus.core.bulletin.entity.InvalidBulletinException;
import org.amicus.core.bulletin.entity.LanguageTag;
import org.amicus.core.bulletin.entity.Translation;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class BulletinFeedsTest {

    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    private static final String ARABIC = "تحديث شهري: مواعيد تقديم الوثائق إلى الآلية";

    private static BulletinFeeds.Entry entry() {
        return new BulletinFeeds.Entry(
                UUID.randomUUID(),
                "Mechanism C",
                T,
                T,
                List.of(
                        new Translation(
                                new LanguageTag("en"),
                                "Monthly update <b>&</b>",
                                "First line\nsecond line\n\nNew paragraph"),
                        new Translation(new LanguageTag("ar"), ARABIC, "السطر الأول\n\nفقرة جديدة")));
    }

    @Test
    void theAtomFeedIsWellFormedAtomWithOneEntryPerLanguageAndItsDirection() throws Exception {
        String xml =
                BulletinFeeds.atom(UUID.randomUUID(), "Mechanism C bulletins", "http://x/feed", List.of(entry()), T);
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = d.getDocumentElement();
        assertEquals(BulletinFeeds.ATOM, feed.getNamespaceURI());
        assertEquals("feed", feed.getLocalName());
        var entries = d.getElementsByTagNameNS(BulletinFeeds.ATOM, "entry");
        assertEquals(2, entries.getLength());
        Element arabic = (Element) entries.item(1);
        assertEquals("ar", arabic.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        assertEquals(
                ARABIC,
                arabic.getElementsByTagNameNS(BulletinFeeds.ATOM, "title")
                        .item(0)
                        .getTextContent());
        Element div = (Element)
                arabic.getElementsByTagNameNS(BulletinFeeds.XHTML, "div").item(0);
        assertEquals("rtl", div.getAttribute("dir"));
        assertEquals(2, div.getElementsByTagNameNS(BulletinFeeds.XHTML, "p").getLength());
        Element english = (Element) entries.item(0);
        assertEquals(
                "Monthly update <b>&</b>",
                english.getElementsByTagNameNS(BulletinFeeds.ATOM, "title")
                        .item(0)
                        .getTextContent(),
                "markup in a title is text, not markup");
        assertEquals(
                1, english.getElementsByTagNameNS(BulletinFeeds.XHTML, "br").getLength());
    }

    @Test
    void theDigestIsPlainTextThatKeepsArabicRightToLeft() {
        String text = BulletinFeeds.digest("Mechanism C bulletins", List.of(entry()), T);
        assertTrue(text.contains(BulletinFeeds.RLM + ARABIC), text);
        assertTrue(text.contains("Monthly update <b>&</b>"));
        assertTrue(text.contains("[ar]"));
        assertFalse(text.contains(BulletinFeeds.RLM + "Monthly"));
        assertTrue(BulletinFeeds.digest("Empty", List.of(), T).contains("(no bulletins)"));
    }

    @Test
    void aRecurringIssueIsAssembledInEachLanguage() {
        BulletinContent template = new BulletinContent(List.of(
                new Translation(new LanguageTag("en"), "Update {{period}}", "Issue {{issue}}, {{date}}."),
                new Translation(new LanguageTag("ar"), "تحديث {{month}} {{year}}", "العدد {{issue}}")));
        BulletinContent issue = IssueAssembler.assemble(template, 12, T, ZoneId.of("UTC"), false);
        assertEquals("Update December 2026", issue.original().title());
        assertEquals("Issue 12, December 1, 2026.", issue.original().body());
        String arabicTitle = issue.translations().get(1).title();
        assertFalse(arabicTitle.contains("{{"), arabicTitle);
        assertTrue(arabicTitle.contains("2026"), arabicTitle);
        assertFalse(arabicTitle.contains("December"), "the month is named in Arabic: " + arabicTitle);
        InvalidBulletinException e = assertThrows(
                InvalidBulletinException.class,
                () -> IssueAssembler.check(
                        new BulletinContent(List.of(new Translation(new LanguageTag("en"), "{{quarter}}", "x")))));
        assertTrue(e.getMessage().contains("{{quarter}}"), e.getMessage());
    }
}
