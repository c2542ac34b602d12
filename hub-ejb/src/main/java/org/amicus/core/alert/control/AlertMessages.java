package org.amicus.core.alert.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amicus.core.alert.entity.AlertId;
import org.amicus.core.alert.entity.AlertNotice;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.core.alert.entity.AlertTerms;
import org.amicus.core.alert.entity.Indicator;
import org.amicus.core.alert.entity.InvalidAlertException;
import org.amicus.core.alert.entity.Severity;
import org.amicus.core.alert.entity.ThreatCategory;
import org.amicus.core.membership.entity.OrgId;

/**
 * Security alerts as they travel (docs/protocol/federation.md §3.9), inside sealed envelopes of priority
 * {@code alert} whose signature says which organisation sent them: {@code amicus.alert} (one revision of an alert,
 * from its issuer to every organisation it went to; re-sent with a higher {@code escalation} to those that have not
 * acknowledged) and {@code amicus.alert-ack} (an organisation's acknowledgement, back to the issuer).
 */
public final class AlertMessages {

    public static final String ALERT_TYPE = "amicus.alert";
    public static final String ACK_TYPE = "amicus.alert-ack";

    private static final JsonProvider JSON = JsonProvider.provider();

    private AlertMessages() {}

    /**
     * One revision of an alert as its issuer sends it: withdrawn or not, and the escalation it is (0 for the
     * first sending of a revision, n for the n-th re-send to organisations that have not acknowledged).
     */
    public record AlertDocument(
            AlertId alert,
            OrgId issuer,
            int revision,
            boolean withdrawn,
            Optional<String> withdrawalReason,
            AlertTerms terms,
            Instant issuedAt,
            Instant revisedAt,
            int escalation) {

        public AlertDocument {
            if (revision < 1 || escalation < 0) {
                throw new IllegalArgumentException("revision from 1, escalation from 0");
            }
            withdrawalReason = withdrawalReason == null ? Optional.empty() : withdrawalReason;
        }

        /** The same revision as the {@code level}-th escalation. */
        public AlertDocument escalation(int level) {
            return new AlertDocument(
                    alert, issuer, revision, withdrawn, withdrawalReason, terms, issuedAt, revisedAt, level);
        }
    }

    /** An organisation acknowledges revision {@code revision} of an alert. */
    public record Acknowledgement(AlertId alert, int revision, OrgId organisation, Instant acknowledgedAt) {}

    public static String write(AlertDocument d) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("v", 1)
                .add("alert", d.alert().toString())
                .add("issuer", d.issuer().toString())
                .add("revision", d.revision())
                .add("status", d.withdrawn() ? "withdrawn" : "active")
                .add("issuedAt", d.issuedAt().toString())
                .add("revisedAt", d.revisedAt().toString())
                .add("escalation", d.escalation());
        d.withdrawalReason().ifPresent(r -> b.add("withdrawalReason", r));
        addTerms(b, d.terms());
        return b.build().toString();
    }

    /** @throws IllegalArgumentException if not an alert document as {@link #write} writes them */
    public static AlertDocument readAlert(String body) {
        JsonObject o = object(body);
        if (o.getInt("v", 0) != 1) {
            throw new IllegalArgumentException("alert version");
        }
        String status = o.getString("status", "");
        if (!status.equals("active") && !status.equals("withdrawn")) {
            throw new IllegalArgumentException("alert status");
        }
        try {
            return new AlertDocument(
                    AlertId.parse(o.getString("alert")),
                    OrgId.parse(o.getString("issuer")),
                    o.getInt("revision"),
                    status.equals("withdrawn"),
                    optional(o, "withdrawalReason"),
                    readTerms(o),
                    Instant.parse(o.getString("issuedAt")),
                    Instant.parse(o.getString("revisedAt")),
                    o.getInt("escalation"));
        } catch (InvalidAlertException | ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("alert document: " + e.getMessage(), e);
        }
    }

    public static String write(Acknowledgement a) {
        return JSON.createObjectBuilder()
                .add("v", 1)
                .add("alert", a.alert().toString())
                .add("revision", a.revision())
                .add("organisation", a.organisation().toString())
                .add("acknowledgedAt", a.acknowledgedAt().toString())
                .build()
                .toString();
    }

    /** @throws IllegalArgumentException if not an acknowledgement as {@link #write} writes them */
    public static Acknowledgement readAcknowledgement(String body) {
        JsonObject o = object(body);
        try {
            if (o.getInt("v", 0) != 1 || o.getInt("revision") < 1) {
                throw new IllegalArgumentException("acknowledgement");
            }
            return new Acknowledgement(
                    AlertId.parse(o.getString("alert")),
                    o.getInt("revision"),
                    OrgId.parse(o.getString("organisation")),
                    Instant.parse(o.getString("acknowledgedAt")));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("acknowledgement: " + e.getMessage(), e);
        }
    }

    /** The alert's words and a withdrawal's reason as they are kept sealed at rest (the same JSON as on the wire). */
    public static String noticeText(AlertNotice n, Optional<String> withdrawalReason) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        addNotice(b, n);
        withdrawalReason.ifPresent(r -> b.add("withdrawalReason", r));
        return b.build().toString();
    }

    public static AlertNotice readNotice(String text) {
        return notice(object(text));
    }

    public static Optional<String> readWithdrawalReason(String text) {
        return optional(object(text), "withdrawalReason");
    }

    private static void addTerms(JsonObjectBuilder b, AlertTerms t) {
        b.add("severity", t.severity().wireName())
                .add("category", t.category().wireName())
                .add("validFrom", t.validFrom().toString())
                .add("validUntil", t.validUntil().toString())
                .add("escalateAfter", t.escalateAfter().toString());
        t.template().ifPresent(x -> b.add("template", x.wireName()));
        addNotice(b, t.notice());
    }

    private static void addNotice(JsonObjectBuilder b, AlertNotice n) {
        b.add("title", n.title()).add("action", n.action());
        n.region().ifPresent(r -> b.add("region", r));
        n.description().ifPresent(d -> b.add("description", d));
        JsonArrayBuilder indicators = JSON.createArrayBuilder();
        for (Indicator i : n.indicators()) {
            indicators.add(
                    JSON.createObjectBuilder().add("type", i.kind().wireName()).add("value", i.value()));
        }
        b.add("indicators", indicators);
    }

    private static AlertTerms readTerms(JsonObject o) {
        return new AlertTerms(
                Severity.parse(o.getString("severity")),
                ThreatCategory.parse(o.getString("category")),
                optional(o, "template").map(AlertTemplate::parse),
                notice(o),
                Instant.parse(o.getString("validFrom")),
                Instant.parse(o.getString("validUntil")),
                Duration.parse(o.getString("escalateAfter")));
    }

    /** The words of an alert from a JSON object (the wire, the sealed copy, the REST API). */
    public static AlertNotice notice(JsonObject o) {
        List<Indicator> indicators = new ArrayList<>();
        JsonValue list = o.get("indicators");
        if (list != null && list != JsonValue.NULL) {
            if (!(list instanceof JsonArray array)) {
                throw new InvalidAlertException("\"indicators\" is a list of {\"type\", \"value\"}");
            }
            if (array.size() > AlertNotice.MAX_INDICATORS) {
                throw new InvalidAlertException("an alert has at most " + AlertNotice.MAX_INDICATORS + " indicators");
            }
            for (JsonValue v : array) {
                if (!(v instanceof JsonObject i)) {
                    throw new InvalidAlertException("\"indicators\" is a list of {\"type\", \"value\"}");
                }
                indicators.add(new Indicator(
                        Indicator.Kind.parse(optional(i, "type").orElse(null)),
                        optional(i, "value").orElse(null)));
            }
        }
        return new AlertNotice(
                optional(o, "title").orElse(null),
                optional(o, "region"),
                optional(o, "action").orElse(null),
                optional(o, "description"),
                indicators);
    }

    /** A string member, absent if missing or null; refused if of another JSON type. */
    public static Optional<String> optional(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidAlertException("\"" + name + "\" is a string");
        }
        return Optional.of(s.getString());
    }

    /** An integer member, if present. */
    static Optional<Integer> integer(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? Optional.of(n.intValueExact()) : Optional.empty();
    }

    private static JsonObject object(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }
}
