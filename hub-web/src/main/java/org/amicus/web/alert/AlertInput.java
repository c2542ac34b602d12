package org.amicus.web.alert;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.amicus.core.alert.control.AlertMessages;
import org.amicus.core.alert.entity.AlertNotice;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.core.alert.entity.AlertTerms;
import org.amicus.core.alert.entity.InvalidAlertException;
import org.amicus.core.alert.entity.InvalidStixException;
import org.amicus.core.alert.entity.Severity;
import org.amicus.core.alert.entity.ThreatCategory;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;

/**
 * Reads an alert from a request body: a template fills in what the body leaves out (severity, category, title,
 * what to do, validity, escalation time); without one the body states them. Anything wrong is an
 * {@link InvalidAlertException} (422) naming the field.
 */
final class AlertInput {

    /** Escalation times when neither the body nor a template gives one: by severity. */
    static Duration defaultEscalation(Severity s) {
        return switch (s) {
            case CRITICAL -> Duration.ofHours(1);
            case WARNING -> Duration.ofHours(4);
            case INFORMATION -> Duration.ofDays(1);
        };
    }

    static final String FORMAT = "Body: {\"template\" (optional: device-compromise, phishing-campaign,"
            + " physical-threat, legal-action), \"severity\" (information, warning, critical), \"category\""
            + " (digital, physical, legal, political), \"title\", \"region\", \"action\" (what to do),"
            + " \"description\", \"indicators\": [{\"type\": domain|url|ipv4|ipv6|email-sender|file-sha256,"
            + " \"value\"}], \"validFrom\" (default now), \"validUntil\" (ISO 8601 instant), \"escalateAfter\""
            + " (ISO 8601 duration, e.g. PT1H) or \"escalateAt\" (instant of the first escalation), and when issuing"
            + " \"marking\": {\"tlp\" (default amber), \"distribution\": organisations | coalitions | federation,"
            + " ...}} — the marking's distribution is the alert's audience.";

    private AlertInput() {}

    static AlertTerms terms(JsonObject body, Instant now) {
        if (body == null) {
            throw new InvalidAlertException("the request needs a JSON object body");
        }
        Optional<AlertTemplate> template =
                AlertMessages.optional(body, "template").map(AlertTemplate::parse);
        Severity severity = AlertMessages.optional(body, "severity")
                .map(Severity::parse)
                .or(() -> template.map(AlertTemplate::severity))
                .orElseThrow(
                        () -> new InvalidAlertException("an alert needs a severity: information, warning or critical"));
        ThreatCategory category = AlertMessages.optional(body, "category")
                .map(ThreatCategory::parse)
                .or(() -> template.map(AlertTemplate::category))
                .orElseThrow(() ->
                        new InvalidAlertException("an alert needs a category: digital, physical, legal or political"));
        AlertNotice given = AlertMessages.notice(withTemplateWords(body, template));
        Instant validFrom = instant(body, "validFrom").orElse(now);
        Instant validUntil = instant(body, "validUntil")
                .or(() -> template.map(t -> validFrom.plus(t.validity())))
                .orElseThrow(() -> new InvalidAlertException("an alert needs its validity: \"validUntil\""));
        if (!validUntil.isAfter(now)) {
            throw new InvalidAlertException("\"validUntil\" (" + validUntil + ") is in the past: the alert would expire"
                    + " before it is delivered");
        }
        Optional<Instant> escalateAt = instant(body, "escalateAt");
        Optional<Duration> escalateAfter = duration(body, "escalateAfter");
        if (escalateAt.isPresent() && escalateAfter.isPresent()) {
            throw new InvalidAlertException("give \"escalateAfter\" or \"escalateAt\", not both");
        }
        Duration escalation = escalateAt
                .map(t -> {
                    if (!t.isAfter(now)) {
                        throw new InvalidAlertException("\"escalateAt\" (" + t + ") is in the past");
                    }
                    return Duration.between(now, t);
                })
                .or(() -> escalateAfter)
                .or(() -> template.map(AlertTemplate::escalateAfter))
                .orElse(defaultEscalation(severity));
        return new AlertTerms(severity, category, template, given, validFrom, validUntil, escalation);
    }

    /** The audience and level of a new alert: its marking (level AMBER unless given). */
    static Marking marking(JsonObject body) {
        if (body == null || !(body.get("marking") instanceof JsonObject m)) {
            throw new InvalidAlertException("an alert needs an audience: \"marking\": {\"tlp\", \"distribution\":"
                    + " \"organisations\" (with \"organisations\": [ids]), \"coalitions\" (with \"coalitions\":"
                    + " [ids]) or \"federation\"}");
        }
        if (!m.containsKey("tlp")) {
            m = jakarta.json.Json.createObjectBuilder(m).add("tlp", "amber").build();
        }
        return MarkingJson.parse(m); // InvalidMarkingException: 422 invalid-marking
    }

    /**
     * The marking of an alert taken from a STIX bundle under {@code bundleLevel}: the body's, at the bundle's level
     * unless the body names one at least as strict.
     *
     * @throws InvalidStixException if the body names a looser level than the bundle's
     */
    static JsonObject markingAtLeast(JsonObject body, Optional<TlpLevel> bundleLevel) {
        if (!(body.get("marking") instanceof JsonObject m)) {
            throw new InvalidAlertException("an alert needs an audience: \"marking\": {\"distribution\": …}");
        }
        if (bundleLevel.isEmpty()) {
            return m;
        }
        if (!m.containsKey("tlp")) {
            return jakarta.json.Json.createObjectBuilder(m)
                    .add("tlp", bundleLevel.get().label().substring(4))
                    .build();
        }
        TlpLevel given = MarkingJson.parse(m).level();
        if (given.ordinal() < bundleLevel.get().ordinal()) {
            throw new InvalidStixException(
                    "the bundle is marked " + bundleLevel.get().label() + "; its alert cannot" + " be marked "
                            + given.label() + ", which is looser");
        }
        return m;
    }

    private static JsonObject withTemplateWords(JsonObject body, Optional<AlertTemplate> template) {
        if (template.isEmpty()) {
            return body;
        }
        var b = jakarta.json.Json.createObjectBuilder(body);
        if (AlertMessages.optional(body, "title").filter(s -> !s.isBlank()).isEmpty()) {
            b.add("title", template.get().title());
        }
        if (AlertMessages.optional(body, "action").filter(s -> !s.isBlank()).isEmpty()) {
            b.add("action", template.get().action());
        }
        return b.build();
    }

    private static Optional<Instant> instant(JsonObject o, String name) {
        Optional<String> t = AlertMessages.optional(o, name);
        try {
            return t.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidAlertException("\"" + name + "\" is an ISO 8601 instant such as 2026-12-01T18:00:00Z");
        }
    }

    private static Optional<Duration> duration(JsonObject o, String name) {
        Optional<String> t = AlertMessages.optional(o, name);
        try {
            return t.map(Duration::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidAlertException("\"" + name + "\" is an ISO 8601 duration such as PT1H or PT30M");
        }
    }

    /** The reason of a withdrawal. */
    static String reason(JsonObject body) {
        JsonValue v = body == null ? null : body.get("reason");
        return v instanceof JsonString s ? s.getString() : null;
    }
}
