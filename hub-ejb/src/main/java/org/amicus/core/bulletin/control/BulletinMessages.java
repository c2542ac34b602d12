package org.amicus.core.bulletin.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.amicus.core.bulletin.entity.Attachment;
import org.amicus.core.bulletin.entity.BulletinContent;
import org.amicus.core.bulletin.entity.BulletinId;
import org.amicus.core.bulletin.entity.BulletinText;
import org.amicus.core.bulletin.entity.InvalidBulletinException;
import org.amicus.core.bulletin.entity.LanguageTag;
import org.amicus.core.bulletin.entity.Recurrence;
import org.amicus.core.bulletin.entity.SeriesId;
import org.amicus.core.bulletin.entity.SeriesText;
import org.amicus.core.bulletin.entity.Translation;
import org.amicus.core.membership.entity.OrgId;

/**
 * Bulletins as they travel (docs/protocol/federation.md §3.10), inside sealed envelopes whose signature says which
 * organisation sent them: {@code amicus.bulletin} (a published bulletin, publisher → its audience),
 * {@code amicus.bulletin-read} (an organisation read it, → publisher), {@code amicus.bulletin-series} (a series
 * announced, changed or ended, publisher → its audience) and {@code amicus.bulletin-subscription} (an organisation
 * chooses to receive a series or not, → publisher). Also the JSON of what is sealed at rest, which is the same.
 */
public final class BulletinMessages {

    public static final String BULLETIN_TYPE = "amicus.bulletin";
    public static final String READ_TYPE = "amicus.bulletin-read";
    public static final String SERIES_TYPE = "amicus.bulletin-series";
    public static final String SUBSCRIPTION_TYPE = "amicus.bulletin-subscription";

    private static final JsonProvider JSON = JsonProvider.provider();

    private BulletinMessages() {}

    /** A published bulletin as it travels. */
    public record Published(
            BulletinId bulletin,
            OrgId publisher,
            Optional<SeriesId> series,
            Optional<String> seriesName,
            Optional<Integer> issue,
            Instant publishedAt,
            BulletinText text) {}

    /** An organisation read a bulletin (the first time anyone there opened it). */
    public record Read(BulletinId bulletin, OrgId organisation, Instant readAt) {}

    /** A series as its publisher announces it. */
    public record Announcement(
            SeriesId series,
            OrgId publisher,
            boolean ended,
            String name,
            Optional<String> description,
            Optional<Recurrence> recurrence) {}

    /** An organisation's choice to receive a series. */
    public record Subscription(SeriesId series, OrgId organisation, boolean subscribed, Instant at) {}

    public static String write(Published p) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("v", 1)
                .add("bulletin", p.bulletin().toString())
                .add("publisher", p.publisher().toString())
                .add("publishedAt", p.publishedAt().toString());
        p.series().ifPresent(s -> b.add("series", s.toString()));
        p.seriesName().ifPresent(s -> b.add("seriesName", s));
        p.issue().ifPresent(i -> b.add("issue", i));
        addText(b, p.text());
        return b.build().toString();
    }

    /** @throws IllegalArgumentException if not a bulletin as {@link #write(Published)} writes them */
    public static Published readPublished(String body) {
        JsonObject o = object(body);
        try {
            requireVersion(o);
            return new Published(
                    BulletinId.parse(o.getString("bulletin")),
                    OrgId.parse(o.getString("publisher")),
                    text(o, "series").map(SeriesId::parse),
                    text(o, "seriesName"),
                    o.containsKey("issue") ? Optional.of(o.getInt("issue")) : Optional.empty(),
                    Instant.parse(o.getString("publishedAt")),
                    bulletinText(o));
        } catch (InvalidBulletinException | ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("bulletin: " + e.getMessage(), e);
        }
    }

    public static String write(Read r) {
        return JSON.createObjectBuilder()
                .add("v", 1)
                .add("bulletin", r.bulletin().toString())
                .add("organisation", r.organisation().toString())
                .add("readAt", r.readAt().toString())
                .build()
                .toString();
    }

    public static Read readRead(String body) {
        JsonObject o = object(body);
        try {
            requireVersion(o);
            return new Read(
                    BulletinId.parse(o.getString("bulletin")),
                    OrgId.parse(o.getString("organisation")),
                    Instant.parse(o.getString("readAt")));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("bulletin read: " + e.getMessage(), e);
        }
    }

    public static String write(Announcement a) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("v", 1)
                .add("series", a.series().toString())
                .add("publisher", a.publisher().toString())
                .add("state", a.ended() ? "ended" : "active")
                .add("name", a.name());
        a.description().ifPresent(d -> b.add("description", d));
        a.recurrence()
                .ifPresent(r -> b.add("frequency", r.frequency().wireName())
                        .add("day", r.day())
                        .add("at", r.at().toString())
                        .add("zone", r.zone().getId()));
        return b.build().toString();
    }

    public static Announcement readAnnouncement(String body) {
        JsonObject o = object(body);
        try {
            requireVersion(o);
            String state = o.getString("state");
            if (!state.equals("active") && !state.equals("ended")) {
                throw new IllegalArgumentException("series state");
            }
            Optional<Recurrence> recurrence = text(o, "frequency")
                    .map(f -> new Recurrence(
                            Recurrence.Frequency.parse(f),
                            o.getInt("day"),
                            LocalTime.parse(o.getString("at")),
                            Recurrence.zone(o.getString("zone"))));
            return new Announcement(
                    SeriesId.parse(o.getString("series")),
                    OrgId.parse(o.getString("publisher")),
                    state.equals("ended"),
                    new SeriesText(o.getString("name"), text(o, "description"), Optional.empty()).name(),
                    text(o, "description"),
                    recurrence);
        } catch (InvalidBulletinException | ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("series: " + e.getMessage(), e);
        }
    }

    public static String write(Subscription s) {
        return JSON.createObjectBuilder()
                .add("v", 1)
                .add("series", s.series().toString())
                .add("organisation", s.organisation().toString())
                .add("subscribed", s.subscribed())
                .add("at", s.at().toString())
                .build()
                .toString();
    }

    public static Subscription readSubscription(String body) {
        JsonObject o = object(body);
        try {
            requireVersion(o);
            return new Subscription(
                    SeriesId.parse(o.getString("series")),
                    OrgId.parse(o.getString("organisation")),
                    o.getBoolean("subscribed"),
                    Instant.parse(o.getString("at")));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("subscription: " + e.getMessage(), e);
        }
    }

    // --- what is sealed at rest ------------------------------------------------------------------

    public static String sealedText(BulletinText t) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        addText(b, t);
        t.reviewNote().ifPresent(n -> b.add("reviewNote", n));
        return b.build().toString();
    }

    public static BulletinText readSealedText(String text) {
        JsonObject o = object(text);
        BulletinText t = bulletinText(o);
        return text(o, "reviewNote").map(t::withReviewNote).orElse(t);
    }

    public static String sealedSeries(SeriesText s) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", s.name());
        s.description().ifPresent(d -> b.add("description", d));
        s.template().ifPresent(t -> b.add("template", translations(t)));
        return b.build().toString();
    }

    public static SeriesText readSealedSeries(String text) {
        JsonObject o = object(text);
        Optional<BulletinContent> template =
                o.get("template") instanceof JsonArray a ? Optional.of(content(a)) : Optional.empty();
        return new SeriesText(o.getString("name"), text(o, "description"), template);
    }

    // --- the parts, as the REST API takes them too -----------------------------------------------

    /** Language versions from a JSON list of {language, title, body}. */
    public static BulletinContent content(JsonValue list) {
        if (!(list instanceof JsonArray array)) {
            throw new InvalidBulletinException("\"translations\" is a list of {\"language\", \"title\", \"body\"}");
        }
        List<Translation> out = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject t)) {
                throw new InvalidBulletinException("\"translations\" is a list of {\"language\", \"title\", \"body\"}");
            }
            out.add(new Translation(
                    new LanguageTag(string(t, "language").orElse(null)),
                    string(t, "title").orElse(null),
                    string(t, "body").orElse(null)));
        }
        return new BulletinContent(out);
    }

    /** Attachments from a JSON list of {name, mediaType, content (base64)}. */
    public static List<Attachment> attachments(JsonValue list) {
        if (list == null || list == JsonValue.NULL) {
            return List.of();
        }
        if (!(list instanceof JsonArray array)) {
            throw new InvalidBulletinException("\"attachments\" is a list of {\"name\", \"mediaType\", \"content\"}");
        }
        if (array.size() > Attachment.MAX_COUNT) {
            throw new InvalidBulletinException("a bulletin has at most " + Attachment.MAX_COUNT + " attachments");
        }
        List<Attachment> out = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonObject a)) {
                throw new InvalidBulletinException(
                        "\"attachments\" is a list of {\"name\", \"mediaType\", \"content\"}");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(string(a, "content").orElse(""));
            } catch (IllegalArgumentException e) {
                throw new InvalidBulletinException("an attachment's \"content\" is base64");
            }
            out.add(new Attachment(
                    string(a, "name").orElse(null), string(a, "mediaType").orElse(null), bytes));
        }
        return out;
    }

    private static void addText(JsonObjectBuilder b, BulletinText t) {
        b.add("translations", translations(t.content()));
        JsonArrayBuilder files = JSON.createArrayBuilder();
        for (Attachment a : t.attachments()) {
            files.add(JSON.createObjectBuilder()
                    .add("name", a.name())
                    .add("mediaType", a.mediaType())
                    .add("content", Base64.getEncoder().encodeToString(a.content())));
        }
        b.add("attachments", files);
    }

    private static JsonArrayBuilder translations(BulletinContent c) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Translation t : c.translations()) {
            list.add(JSON.createObjectBuilder()
                    .add("language", t.language().toString())
                    .add("title", t.title())
                    .add("body", t.body()));
        }
        return list;
    }

    private static BulletinText bulletinText(JsonObject o) {
        return new BulletinText(content(o.get("translations")), attachments(o.get("attachments")), Optional.empty());
    }

    private static void requireVersion(JsonObject o) {
        if (o.getInt("v", 0) != 1) {
            throw new IllegalArgumentException("version");
        }
    }

    private static Optional<String> text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    /** A string member; refused if of another JSON type. */
    public static Optional<String> string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidBulletinException("\"" + name + "\" is a string");
        }
        return Optional.of(s.getString());
    }

    private static JsonObject object(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }
}
