package org.amicus.web.bulletin;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amicus.core.bulletin.boundary.BulletinView;
import org.amicus.core.bulletin.entity.Bulletin;
import org.amicus.core.routing.control.MarkingJson;

/**
 * A bulletin as the API shows it: every language version with its writing direction ({@code rtl} for Arabic), its
 * attachments (fetched one by one), and on the publisher's node its review and read counts per organisation.
 */
public record BulletinJson(
        String id,
        String direction,
        String publisher,
        String publisherName,
        String series,
        String seriesName,
        Integer issue,
        String state,
        JsonObject marking,
        List<TranslationJson> translations,
        List<AttachmentJson> attachments,
        String reviewNote,
        String author,
        String reviewer,
        String publishAt,
        String createdAt,
        String submittedAt,
        String reviewedAt,
        String publishedAt,
        String receivedAt,
        String readAt,
        Reads reads,
        List<Recipient> recipients) {

    public record TranslationJson(String language, String languageName, String direction, String title, String body) {}

    public record AttachmentJson(int number, String name, String mediaType, int size) {}

    /** How many of the organisations it went to have read it (someone there opened it). */
    public record Reads(long read, int total) {}

    public record Recipient(String organisation, String name, String sentAt, boolean read, String readAt) {}

    public static BulletinJson of(BulletinView v) {
        boolean own = v.direction() == Bulletin.Direction.OUT;
        List<AttachmentJson> files = new java.util.ArrayList<>();
        for (int i = 0; i < v.text().attachments().size(); i++) {
            var a = v.text().attachments().get(i);
            files.add(new AttachmentJson(i + 1, a.name(), a.mediaType(), a.size()));
        }
        return new BulletinJson(
                v.id().toString(),
                own ? "published-here" : "received",
                v.publisher().toString(),
                v.publisherName(),
                v.series().map(Object::toString).orElse(null),
                v.seriesName().orElse(null),
                v.issue().orElse(null),
                v.state().wireName(),
                MarkingJson.toJson(v.marking()),
                v.text().content().translations().stream()
                        .map(t -> new TranslationJson(
                                t.language().toString(),
                                t.language().name(),
                                t.language().direction(),
                                t.title(),
                                t.body()))
                        .toList(),
                files,
                own ? v.text().reviewNote().orElse(null) : null,
                own ? v.author().orElse(null) : null,
                own ? v.reviewer().orElse(null) : null,
                text(v.publishAt()),
                v.createdAt().toString(),
                text(v.submittedAt()),
                text(v.reviewedAt()),
                text(v.publishedAt()),
                text(v.receivedAt()),
                text(v.readAt()),
                own && v.publishedAt().isPresent()
                        ? new Reads(v.readCount(), v.recipients().size())
                        : null,
                own && v.publishedAt().isPresent()
                        ? v.recipients().stream()
                                .map(r -> new Recipient(
                                        r.organisation().toString(),
                                        r.name(),
                                        r.sentAt().toString(),
                                        r.readAt().isPresent(),
                                        text(r.readAt())))
                                .toList()
                        : null);
    }

    static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
