package org.amicus.core.alert.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.amicus.core.alert.entity.AlertTerms;
import org.amicus.core.alert.entity.Indicator;
import org.amicus.core.alert.entity.InvalidStixException;
import org.amicus.core.routing.entity.TlpLevel;

/**
 * Alerts as STIX 2.1 bundles, for threat-intelligence tools (MISP, TAXII servers and clients). An alert becomes a
 * {@code report} (title, description, severity and category as labels, withdrawn as revoked) with a {@code note}
 * (what to do) and one {@code indicator} per indicator (a STIX pattern, valid as long as the alert), created by the
 * issuer's {@code identity}, all under the TLP 2.0 {@code marking-definition} of the alert's level. Ids are stable
 * across revisions (STIX versioning: same id, later {@code modified}). Amicus' own fields that STIX has no property
 * for travel as {@code x_amicus_*} custom properties, so a bundle exported here imports back whole.
 *
 * <p>Reading takes a bundle from any tool: a report or grouping, notes, indicators whose pattern is one comparison
 * Amicus knows, and TLP 1.0 or 2.0 markings. It refuses a malformed bundle, an object under any other marking, and
 * a pattern it cannot carry; other objects (malware, threat actors …) are named in the description, not dropped
 * silently.
 */
public final class StixBundles {

    public static final String MEDIA_TYPE = "application/stix+json;version=2.1";

    /** The TLP 2.0 marking definitions (FIRST TLP 2.0, OASIS extension) by level. */
    static final Map<TlpLevel, String> TLP2 = Map.of(
            TlpLevel.CLEAR, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            TlpLevel.GREEN, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            TlpLevel.AMBER, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            TlpLevel.AMBER_STRICT, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            TlpLevel.RED, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    /** The TLP 1.0 marking definitions the STIX 2.1 specification itself defines (WHITE read as CLEAR). */
    static final Map<String, TlpLevel> TLP1 = Map.of(
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", TlpLevel.CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", TlpLevel.GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", TlpLevel.AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", TlpLevel.RED);

    static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    static final String ACTION_ABSTRACT = "What to do";

    static final int MAX_OBJECTS = 1_000;

    private static final Pattern ID = Pattern.compile(
            "([a-z][a-z0-9-]+[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final JsonProvider JSON = JsonProvider.provider();

    private StixBundles() {}

    /** The alert as a STIX 2.1 bundle; {@code issuerName} names the issuing organisation's identity. */
    public static JsonObject export(AlertMessages.AlertDocument d, String issuerName, TlpLevel level) {
        String alert = d.alert().toString();
        String identity = "identity--" + d.issuer();
        String marking = TLP2.get(level);
        String created = stamp(d.issuedAt());
        String modified = stamp(d.revisedAt());
        AlertTerms t = d.terms();
        JsonArrayBuilder objects = JSON.createArrayBuilder();
        objects.add(JSON.createObjectBuilder()
                .add("type", "marking-definition")
                .add("spec_version", "2.1")
                .add("id", marking)
                .add("created", "2022-10-01T00:00:00.000Z")
                .add("name", level.label())
                .add(
                        "extensions",
                        JSON.createObjectBuilder()
                                .add(
                                        TLP2_EXTENSION,
                                        JSON.createObjectBuilder()
                                                .add("extension_type", "property-extension")
                                                .add(
                                                        "tlp_2_0",
                                                        level.label()
                                                                .substring(4)
                                                                .toLowerCase(java.util.Locale.ROOT)))));
        objects.add(JSON.createObjectBuilder()
                .add("type", "identity")
                .add("spec_version", "2.1")
                .add("id", identity)
                .add("created", created)
                .add("modified", created)
                .add("name", issuerName)
                .add("identity_class", "organization"));
        String note = "note--" + derived(alert, "note");
        JsonArrayBuilder refs = JSON.createArrayBuilder();
        List<JsonObject> indicators = new ArrayList<>();
        int n = 0;
        for (Indicator i : t.notice().indicators()) {
            String id = "indicator--" + derived(alert, "indicator/" + n++);
            refs.add(id);
            JsonObjectBuilder b = common("indicator", id, created, modified, identity, marking)
                    .add("name", i.kind().wireName() + ": " + i.value())
                    .add("indicator_types", JSON.createArrayBuilder().add("malicious-activity"))
                    .add("pattern", i.stixPattern())
                    .add("pattern_type", "stix")
                    .add("pattern_version", "2.1")
                    .add("valid_from", stamp(t.validFrom()))
                    .add("valid_until", stamp(t.validUntil()));
            if (d.withdrawn()) {
                b.add("revoked", true);
            }
            indicators.add(b.build());
        }
        refs.add(note);
        JsonObjectBuilder report = common("report", "report--" + alert, created, modified, identity, marking)
                .add("name", t.notice().title())
                .add("report_types", JSON.createArrayBuilder().add("threat-report"))
                .add("published", created)
                .add("object_refs", refs)
                .add(
                        "labels",
                        JSON.createArrayBuilder()
                                .add("amicus-severity:" + t.severity().wireName())
                                .add("amicus-category:" + t.category().wireName()))
                .add("x_amicus_alert", alert)
                .add("x_amicus_revision", d.revision())
                .add("x_amicus_severity", t.severity().wireName())
                .add("x_amicus_category", t.category().wireName())
                .add("x_amicus_valid_from", stamp(t.validFrom()))
                .add("x_amicus_valid_until", stamp(t.validUntil()))
                .add("x_amicus_escalate_after", t.escalateAfter().toString());
        t.notice().description().ifPresent(x -> report.add("description", x));
        t.notice().region().ifPresent(x -> report.add("x_amicus_region", x));
        t.template().ifPresent(x -> report.add("x_amicus_template", x.wireName()));
        if (d.withdrawn()) {
            report.add("revoked", true);
            d.withdrawalReason().ifPresent(x -> report.add("x_amicus_withdrawal_reason", x));
        }
        objects.add(report);
        objects.add(common("note", note, created, modified, identity, marking)
                .add("abstract", ACTION_ABSTRACT)
                .add("content", t.notice().action())
                .add("object_refs", JSON.createArrayBuilder().add("report--" + alert)));
        indicators.forEach(objects::add);
        return JSON.createObjectBuilder()
                .add("type", "bundle")
                .add("id", "bundle--" + derived(alert, "bundle/" + d.revision() + "/" + (d.withdrawn() ? "w" : "a")))
                .add("objects", objects)
                .build();
    }

    private static JsonObjectBuilder common(
            String type, String id, String created, String modified, String identity, String marking) {
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("spec_version", "2.1")
                .add("id", id)
                .add("created", created)
                .add("modified", modified)
                .add("created_by_ref", identity)
                .add("object_marking_refs", JSON.createArrayBuilder().add(marking));
    }

    /** What a bundle says, in the fields of an alert as the REST API takes them, and the TLP level it is under. */
    public record Read(JsonObject fields, Optional<TlpLevel> level) {}

    /**
     * Reads a bundle into the fields of an alert ({@code severity}, {@code category}, {@code title}, {@code action},
     * {@code description}, {@code region}, {@code indicators}, {@code validFrom}, {@code validUntil},
     * {@code escalateAfter}, {@code template}: those the bundle states) and the most restrictive TLP level its
     * objects are marked with.
     *
     * @throws InvalidStixException naming what is wrong, for a malformed bundle, an unknown marking, an indicator
     *     pattern Amicus cannot carry, or a bundle with nothing to name the alert by
     */
    public static Read read(JsonValue value) {
        if (!(value instanceof JsonObject bundle)) {
            throw new InvalidStixException("a STIX bundle is a JSON object");
        }
        if (!"bundle".equals(text(bundle, "type").orElse(null))) {
            throw new InvalidStixException("not a STIX bundle: \"type\" is not \"bundle\"");
        }
        requireId(bundle, "bundle", "the bundle");
        if (!(bundle.get("objects") instanceof JsonArray objects) || objects.isEmpty()) {
            throw new InvalidStixException("the bundle has no \"objects\"");
        }
        if (objects.size() > MAX_OBJECTS) {
            throw new InvalidStixException("a bundle of more than " + MAX_OBJECTS + " objects is not an alert");
        }
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            if (!(objects.get(i) instanceof JsonObject o)) {
                throw new InvalidStixException("objects[" + i + "] is not a JSON object");
            }
            String where = "objects[" + i + "]";
            String type = text(o, "type").orElseThrow(() -> new InvalidStixException(where + " has no \"type\""));
            requireId(o, type, where);
            if (!"2.1".equals(text(o, "spec_version").orElse(null))) {
                throw new InvalidStixException(where + " (" + type + ") is not STIX 2.1 (\"spec_version\": \"2.1\")");
            }
            if (!type.equals("marking-definition")) {
                timestamp(o, "created", where, true);
                timestamp(o, "modified", where, true);
            }
            byId.put(o.getString("id"), o);
        }
        TlpLevel strictest = null;
        List<JsonObject> reports = new ArrayList<>();
        List<JsonObject> notes = new ArrayList<>();
        List<JsonObject> indicators = new ArrayList<>();
        TreeSet<String> notCarried = new TreeSet<>();
        for (JsonObject o : byId.values()) {
            String type = o.getString("type");
            for (TlpLevel l : markings(o)) {
                strictest = strictest == null || l.ordinal() > strictest.ordinal() ? l : strictest;
            }
            switch (type) {
                case "report", "grouping" -> reports.add(o);
                case "note" -> notes.add(o);
                case "indicator" -> indicators.add(o);
                case "identity", "marking-definition", "extension-definition", "relationship" -> {}
                default -> notCarried.add(type);
            }
        }
        if (reports.size() > 1) {
            throw new InvalidStixException(
                    "the bundle holds " + reports.size() + " reports or groupings: import one" + " alert at a time");
        }
        Optional<JsonObject> report = reports.stream().findFirst();
        if (report.isPresent() && report.get().get("revoked") == JsonValue.TRUE) {
            throw new InvalidStixException("the bundle's " + report.get().getString("type") + " is revoked (withdrawn):"
                    + " there is nothing to warn of");
        }
        JsonObjectBuilder f = JSON.createObjectBuilder();
        Optional<String> title = report.flatMap(r -> text(r, "name"))
                .or(() -> indicators.stream()
                        .map(i -> text(i, "name"))
                        .flatMap(Optional::stream)
                        .findFirst());
        f.add(
                "title",
                title.orElseThrow(() -> new InvalidStixException(
                        "the bundle has no report, grouping or named indicator to take the alert's title from")));
        report.ifPresent(r -> {
            copy(r, "x_amicus_severity", f, "severity");
            copy(r, "x_amicus_category", f, "category");
            copy(r, "x_amicus_region", f, "region");
            copy(r, "x_amicus_valid_from", f, "validFrom");
            copy(r, "x_amicus_valid_until", f, "validUntil");
            copy(r, "x_amicus_escalate_after", f, "escalateAfter");
            copy(r, "x_amicus_template", f, "template");
            labelled(r, "amicus-severity:")
                    .filter(x -> !r.containsKey("x_amicus_severity"))
                    .ifPresent(x -> f.add("severity", x));
            labelled(r, "amicus-category:")
                    .filter(x -> !r.containsKey("x_amicus_category"))
                    .ifPresent(x -> f.add("category", x));
        });
        Optional<String> action = notes.stream()
                .filter(nt -> ACTION_ABSTRACT.equals(text(nt, "abstract").orElse(null)))
                .map(nt -> text(nt, "content"))
                .flatMap(Optional::stream)
                .findFirst()
                .or(() -> notes.stream()
                        .map(nt -> text(nt, "content"))
                        .flatMap(Optional::stream)
                        .findFirst());
        action.ifPresent(a -> f.add("action", a));
        StringBuilder description =
                new StringBuilder(report.flatMap(r -> text(r, "description")).orElse(""));
        if (!notCarried.isEmpty()) {
            description
                    .append(description.length() == 0 ? "" : "\n\n")
                    .append("(The STIX bundle also held objects an alert does not carry: ")
                    .append(String.join(", ", notCarried))
                    .append(".)");
        }
        if (description.length() > 0) {
            f.add("description", description.toString());
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        Instant from = null;
        Instant until = null;
        for (JsonObject i : indicators) {
            String pattern = text(i, "pattern")
                    .orElseThrow(() -> new InvalidStixException(i.getString("id") + " has no pattern"));
            if (!"stix".equals(text(i, "pattern_type").orElse("stix"))) {
                throw new InvalidStixException(i.getString("id") + ": only STIX patterns can be carried, not "
                        + text(i, "pattern_type").orElse(""));
            }
            Indicator ind = Indicator.fromStixPattern(pattern)
                    .orElseThrow(() -> new InvalidStixException(i.getString("id") + ": the pattern " + pattern
                            + " cannot be carried; an alert takes one comparison of domain-name:value, url:value,"
                            + " ipv4-addr:value, ipv6-addr:value, email-message:from_ref.value or"
                            + " file:hashes.'SHA-256'"));
            list.add(JSON.createObjectBuilder()
                    .add("type", ind.kind().wireName())
                    .add("value", ind.value()));
            Optional<Instant> vf = timestamp(i, "valid_from", i.getString("id"), false);
            Optional<Instant> vu = timestamp(i, "valid_until", i.getString("id"), false);
            if (vf.isPresent() && (from == null || vf.get().isBefore(from))) {
                from = vf.get();
            }
            if (vu.isPresent() && (until == null || vu.get().isAfter(until))) {
                until = vu.get();
            }
        }
        f.add("indicators", list);
        JsonObject partial = f.build();
        JsonObjectBuilder out = JSON.createObjectBuilder(partial);
        if (!partial.containsKey("validUntil") && until != null) {
            out.add("validUntil", stamp(until));
        }
        if (!partial.containsKey("category") && !indicators.isEmpty()) {
            out.add("category", "digital"); // indicators are things to check on devices and networks
        }
        return new Read(out.build(), Optional.ofNullable(strictest));
    }

    private static List<TlpLevel> markings(JsonObject o) {
        List<TlpLevel> levels = new ArrayList<>();
        JsonValue refs = o.get("object_marking_refs");
        if (refs != null && refs != JsonValue.NULL) {
            if (!(refs instanceof JsonArray a)) {
                throw new InvalidStixException(o.getString("id") + ": \"object_marking_refs\" is a list");
            }
            for (JsonValue v : a) {
                String ref = v instanceof JsonString s ? s.getString() : String.valueOf(v);
                levels.add(tlp(ref).orElseThrow(() -> new InvalidStixException(o.getString("id")
                        + " is marked with " + ref + ", which is not a TLP marking: Amicus takes TLP 1.0 and 2.0"
                        + " marking definitions only, so as never to drop a handling rule it cannot enforce")));
            }
        }
        if (o.containsKey("granular_markings")) {
            throw new InvalidStixException(o.getString("id") + " has granular markings, which Amicus cannot keep"
                    + " per field: mark whole objects");
        }
        return levels;
    }

    private static Optional<TlpLevel> tlp(String ref) {
        for (Map.Entry<TlpLevel, String> e : TLP2.entrySet()) {
            if (e.getValue().equals(ref)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.ofNullable(TLP1.get(ref));
    }

    private static Optional<String> labelled(JsonObject o, String prefix) {
        if (o.get("labels") instanceof JsonArray labels) {
            for (JsonValue v : labels) {
                if (v instanceof JsonString s && s.getString().startsWith(prefix)) {
                    return Optional.of(s.getString().substring(prefix.length()));
                }
            }
        }
        return Optional.empty();
    }

    private static void copy(JsonObject from, String name, JsonObjectBuilder to, String as) {
        text(from, name).ifPresent(v -> to.add(as, v));
    }

    private static void requireId(JsonObject o, String type, String where) {
        String id = text(o, "id").orElseThrow(() -> new InvalidStixException(where + " has no \"id\""));
        var m = ID.matcher(id);
        if (!m.matches() || !m.group(1).equals(type)) {
            throw new InvalidStixException(where + ": \"" + id + "\" is not an id of the form " + type + "--<uuid>");
        }
    }

    private static Optional<Instant> timestamp(JsonObject o, String name, String where, boolean required) {
        Optional<String> t = text(o, name);
        if (t.isEmpty()) {
            if (required) {
                throw new InvalidStixException(where + " has no \"" + name + "\"");
            }
            return Optional.empty();
        }
        try {
            if (!t.get().endsWith("Z")) {
                throw new DateTimeParseException("not UTC", t.get(), 0);
            }
            return Optional.of(Instant.parse(t.get()));
        } catch (DateTimeParseException e) {
            throw new InvalidStixException(
                    where + ": \"" + name + "\" is not a STIX timestamp (UTC, e.g." + " 2026-12-01T10:00:00Z)");
        }
    }

    private static Optional<String> text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidStixException(
                    "\"" + name + "\" of " + o.getOrDefault("id", JsonValue.NULL) + " is not a string");
        }
        return Optional.of(s.getString());
    }

    /** A STIX timestamp: UTC with millisecond precision. */
    static String stamp(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(t);
    }

    /** A name-based id, stable for the same alert and part (so a re-export updates, not duplicates). */
    private static UUID derived(String alert, String part) {
        return UUID.nameUUIDFromBytes((alert + "/" + part).getBytes(StandardCharsets.UTF_8));
    }
}
