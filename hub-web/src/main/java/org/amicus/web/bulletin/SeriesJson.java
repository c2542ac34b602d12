package org.amicus.web.bulletin;

import jakarta.json.JsonObject;
import java.util.List;
import org.amicus.core.bulletin.boundary.SeriesView;
import org.amicus.core.bulletin.entity.Bulletin;
import org.amicus.core.routing.control.MarkingJson;

/** A bulletin series as the API shows it. */
public record SeriesJson(
        String id,
        String direction,
        String publisher,
        String publisherName,
        String state,
        String name,
        String description,
        JsonObject marking,
        Recurrence recurrence,
        List<BulletinJson.TranslationJson> template,
        String nextIssueAt,
        Integer issues,
        Boolean subscribed,
        Long optedOut,
        String updatedAt) {

    public record Recurrence(String frequency, int day, String at, String zone) {}

    public static SeriesJson of(SeriesView v) {
        boolean own = v.direction() == Bulletin.Direction.OUT;
        return new SeriesJson(
                v.id().toString(),
                own ? "published-here" : "announced",
                v.publisher().toString(),
                v.publisherName(),
                v.state().wireName(),
                v.text().name(),
                v.text().description().orElse(null),
                MarkingJson.toJson(v.marking()),
                v.recurrence()
                        .map(r -> new Recurrence(
                                r.frequency().wireName(),
                                r.day(),
                                r.at().toString(),
                                r.zone().getId()))
                        .orElse(null),
                v.text()
                        .template()
                        .map(t -> t.translations().stream()
                                .map(x -> new BulletinJson.TranslationJson(
                                        x.language().toString(),
                                        x.language().name(),
                                        x.language().direction(),
                                        x.title(),
                                        x.body()))
                                .toList())
                        .orElse(null),
                BulletinJson.text(v.nextIssueAt()),
                own ? v.issues() : null,
                own ? null : v.subscribed(),
                own ? v.optedOut() : null,
                v.updatedAt().toString());
    }
}
