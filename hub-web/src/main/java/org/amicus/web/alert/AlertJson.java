package org.amicus.web.alert;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amicus.core.alert.boundary.AlertView;
import org.amicus.core.alert.entity.AlertNotice;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.core.routing.control.MarkingJson;

/**
 * An alert as the API shows it (times in UTC, ISO 8601; absent fields are not known or do not apply). On the
 * issuer's node {@code recipients} is the dashboard: each organisation, whether it acknowledged, and its
 * escalations; on a recipient's node {@code awaitingAcknowledgement} and {@code escalated} say whether its security
 * officers still have to act.
 */
public record AlertJson(
        String id,
        String direction,
        String issuer,
        int revision,
        String status,
        String severity,
        String category,
        String template,
        String title,
        String region,
        String action,
        String description,
        List<IndicatorJson> indicators,
        String withdrawalReason,
        JsonObject marking,
        String validFrom,
        String validUntil,
        String escalateAfter,
        String issuedAt,
        String revisedAt,
        String receivedAt,
        String acknowledgedAt,
        Integer acknowledgedRevision,
        Boolean awaitingAcknowledgement,
        Boolean escalated,
        Integer escalations,
        String escalatedAt,
        Summary acknowledgements,
        List<Recipient> recipients) {

    public record IndicatorJson(String type, String value) {}

    /** How many of the recipient organisations have acknowledged (issuer's side). */
    public record Summary(long acknowledged, long waiting, long flagged, int total) {}

    /** One recipient organisation on the issuer's dashboard. */
    public record Recipient(
            String organisation,
            String name,
            String sentAt,
            boolean acknowledged,
            String acknowledgedAt,
            Integer acknowledgedRevision,
            boolean acknowledgedCurrentRevision,
            int escalations,
            String escalatedAt,
            String nextEscalationAt,
            boolean flagged) {}

    public static AlertJson of(AlertView v) {
        boolean issued = v.direction() == org.amicus.core.alert.entity.Alert.Direction.OUT;
        AlertNotice n = v.notice();
        List<Recipient> rs = v.recipients().stream()
                .map(r -> new Recipient(
                        r.organisation().toString(),
                        r.name(),
                        r.sentAt().toString(),
                        r.acknowledgedAt().isPresent(),
                        text(r.acknowledgedAt()),
                        r.acknowledgedRevision().orElse(null),
                        r.acknowledgedCurrent(v.revision()),
                        r.escalations(),
                        text(r.escalatedAt()),
                        text(r.nextEscalationAt()),
                        r.flagged()))
                .toList();
        return new AlertJson(
                v.id().toString(),
                issued ? "issued" : "received",
                v.issuer().toString(),
                v.revision(),
                v.status().wireName(),
                v.severity().wireName(),
                v.category().wireName(),
                v.template().map(AlertTemplate::wireName).orElse(null),
                n.title(),
                n.region().orElse(null),
                n.action(),
                n.description().orElse(null),
                n.indicators().stream()
                        .map(i -> new IndicatorJson(i.kind().wireName(), i.value()))
                        .toList(),
                v.withdrawalReason().orElse(null),
                MarkingJson.toJson(v.marking()),
                v.validFrom().toString(),
                v.validUntil().toString(),
                v.escalateAfter().toString(),
                v.issuedAt().toString(),
                v.revisedAt().toString(),
                text(v.receivedAt()),
                text(v.acknowledgedAt()),
                v.acknowledgedRevision().orElse(null),
                issued ? null : v.awaitingAcknowledgement(),
                issued ? null : v.escalations() > 0 && v.awaitingAcknowledgement(),
                issued ? null : v.escalations(),
                text(v.escalatedAt()),
                issued
                        ? new Summary(
                                v.acknowledgedCount(),
                                rs.size() - v.acknowledgedCount(),
                                rs.stream().filter(Recipient::flagged).count(),
                                rs.size())
                        : null,
                issued ? rs : null);
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
