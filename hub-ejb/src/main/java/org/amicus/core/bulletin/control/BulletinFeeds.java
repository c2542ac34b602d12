package org.amicus.core.bulletin.control;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.amicus.core.bulletin.entity.Translation;

/**
 * Public (TLP:CLEAR) bulletins for those who cannot sign in: an Atom feed (RFC 4287) for feed readers, and a plain
 * text digest for low-bandwidth channels (a text message gateway, a mail list, a radio script). Each language
 * version is an entry of its own with its language and writing direction, so a reader shows Arabic right to left.
 */
public final class BulletinFeeds {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final char RLM = '\u200F';

    private BulletinFeeds() {}

    /** One published bulletin as the feeds show it. */
    public record Entry(UUID id, String publisher, Instant published, Instant updated, List<Translation> versions) {
        public Entry {
            versions = List.copyOf(versions);
        }
    }

    /**
     * The Atom feed {@code feedId} (a stable UUID: this node's feed), titled {@code title}, found at {@code self},
     * with {@code entries} newest first.
     */
    public static String atom(UUID feedId, String title, String self, List<Entry> entries, Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            element(x, "id", "urn:uuid:" + feedId);
            element(x, "title", title);
            element(
                    x,
                    "updated",
                    stamp(entries.stream()
                            .map(Entry::updated)
                            .max(Comparator.naturalOrder())
                            .orElse(now)));
            x.writeEmptyElement("link");
            x.writeAttribute("rel", "self");
            x.writeAttribute("type", "application/atom+xml");
            x.writeAttribute("href", self);
            element(x, "generator", "Amicus");
            for (Entry e : newestFirst(entries)) {
                for (Translation t : e.versions()) {
                    x.writeStartElement("entry");
                    x.writeAttribute(
                            "xml",
                            "http://www.w3.org/XML/1998/namespace",
                            "lang",
                            t.language().toString());
                    element(x, "id", "urn:uuid:" + e.id() + "#" + t.language());
                    element(x, "title", t.title());
                    element(x, "published", stamp(e.published()));
                    element(x, "updated", stamp(e.updated()));
                    x.writeStartElement("author");
                    element(x, "name", e.publisher());
                    x.writeEndElement();
                    x.writeStartElement("content");
                    x.writeAttribute("type", "xhtml");
                    x.writeStartElement("div");
                    x.writeDefaultNamespace(XHTML);
                    x.writeAttribute("dir", t.language().direction());
                    x.writeAttribute("lang", t.language().toString());
                    for (String paragraph : t.body().split("\\R\\s*\\R")) {
                        x.writeStartElement("p");
                        String[] lines = paragraph.strip().split("\\R");
                        for (int i = 0; i < lines.length; i++) {
                            if (i > 0) {
                                x.writeEmptyElement("br");
                            }
                            x.writeCharacters(lines[i]);
                        }
                        x.writeEndElement();
                    }
                    x.writeEndElement(); // div
                    x.writeEndElement(); // content
                    x.writeEndElement(); // entry
                }
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("AMICUS-BULLETIN-050 the feed could not be written", e);
        }
        return out.toString();
    }

    /**
     * The plain-text digest: every bulletin, newest first, each language version under its title; lines of a
     * right-to-left version start with a right-to-left mark so that plain-text readers keep their direction.
     */
    public static String digest(String title, List<Entry> entries, Instant now) {
        StringBuilder b = new StringBuilder();
        b.append(title)
                .append(" — ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.format(now.atOffset(ZoneOffset.UTC)))
                .append('\n');
        b.append("=".repeat(Math.min(72, title.length() + 13))).append("\n\n");
        if (entries.isEmpty()) {
            b.append("(no bulletins)\n");
        }
        for (Entry e : newestFirst(entries)) {
            for (Translation t : e.versions()) {
                boolean rtl = t.language().rightToLeft();
                b.append(line(t.title(), rtl)).append('\n');
                b.append(e.publisher())
                        .append(", ")
                        .append(DateTimeFormatter.ISO_LOCAL_DATE.format(
                                e.published().atOffset(ZoneOffset.UTC)))
                        .append(" [")
                        .append(t.language())
                        .append("]\n\n");
                for (String l : t.body().split("\\R", -1)) {
                    b.append(l.isBlank() ? "" : line(l, rtl)).append('\n');
                }
                b.append("\n---\n\n");
            }
        }
        return b.toString();
    }

    private static String line(String text, boolean rtl) {
        return rtl ? RLM + text : text;
    }

    private static List<Entry> newestFirst(List<Entry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing(Entry::published).reversed())
                .toList();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static String stamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
