package org.amicus.core.alert.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amicus.core.alert.entity.InvalidStixException;
import org.amicus.core.routing.entity.TlpLevel;
import org.junit.jupiter.api.Test;

class StixBundlesTest {

    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try (InputStream in = StixBundlesTest.class.getResourceAsStream("/stix21/bundle.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> violations(JsonObject bundle) {
        return SCHEMA.validate(bundle.toString(), InputFormat.JSON).stream()
                .map(Object::toString)
                .toList();
    }

    private static JsonObject object(JsonObject bundle, String type) {
        return bundle.getJsonArray("objects").stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("type").equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anExportedAlertIsAValidStix21BundleUnderItsTlp20Marking() {
        JsonObject bundle = StixBundles.export(AlertMessagesTest.document(), "Organisation A", TlpLevel.AMBER);
        assertEquals(List.of(), violations(bundle));
        JsonObject report = object(bundle, "report");
        assertEquals("تحذير: حملة تصيّد", report.getString("name"));
        assertEquals(
                "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
                report.getJsonArray("object_marking_refs").getString(0));
        JsonObject marking = object(bundle, "marking-definition");
        assertEquals("TLP:AMBER", marking.getString("name"));
        assertEquals("do not open the links", object(bundle, "note").getString("content"));
        JsonObject indicator = object(bundle, "indicator");
        assertEquals("[email-message:from_ref.value = 'support@amicus-login.example']", indicator.getString("pattern"));
        assertEquals("organization", object(bundle, "identity").getString("identity_class"));
        assertEquals(
                report.getString("created_by_ref"), object(bundle, "identity").getString("id"));
    }

    @Test
    void theSchemaRefusesWhatTheSpecificationForbids() {
        JsonObject bundle = StixBundles.export(AlertMessagesTest.document(), "Organisation A", TlpLevel.RED);
        JsonArray objects = bundle.getJsonArray("objects");
        var broken = Json.createArrayBuilder();
        for (JsonValue v : objects) {
            JsonObject o = v.asJsonObject();
            broken.add(
                    o.getString("type").equals("indicator")
                            ? Json.createObjectBuilder(o).remove("pattern").build()
                            : o);
        }
        assertFalse(violations(
                        Json.createObjectBuilder(bundle).add("objects", broken).build())
                .isEmpty());
        JsonObject custom = Json.createObjectBuilder(bundle)
                .add(
                        "objects",
                        Json.createArrayBuilder(objects)
                                .add(Json.createObjectBuilder(object(bundle, "report"))
                                        .add("severity", "high")))
                .build();
        assertFalse(violations(custom).isEmpty(), "a custom property without x_ is refused");
    }

    @Test
    void aBundleExportedHereImportsBackWhole() {
        AlertMessages.AlertDocument d = AlertMessagesTest.document();
        StixBundles.Read read = StixBundles.read(StixBundles.export(d, "Organisation A", TlpLevel.AMBER_STRICT));
        assertEquals(Optional.of(TlpLevel.AMBER_STRICT), read.level());
        JsonObject f = read.fields();
        assertEquals(d.terms().notice(), AlertMessages.notice(f));
        assertEquals("warning", f.getString("severity"));
        assertEquals("digital", f.getString("category"));
        assertEquals("phishing-campaign", f.getString("template"));
        assertEquals(d.terms().validFrom(), Instant.parse(f.getString("validFrom")));
        assertEquals(d.terms().validUntil(), Instant.parse(f.getString("validUntil")));
        assertEquals(d.terms().escalateAfter().toString(), f.getString("escalateAfter"));
    }

    @Test
    void aBundleFromAnotherToolGivesWhatItStatesAndNamesWhatAnAlertCannotCarry() {
        String misp = """
                {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
                 {"type":"grouping","spec_version":"2.1","id":"grouping--1d0092c5-5f74-4287-9642-33f4c354e56d",
                  "created":"2026-11-30T08:00:00.000Z","modified":"2026-11-30T08:00:00.000Z","name":"Spyware on phones",
                  "context":"suspicious-activity","object_refs":["indicator--2d0092c5-5f74-4287-9642-33f4c354e56d"],
                  "object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]},
                 {"type":"indicator","spec_version":"2.1","id":"indicator--2d0092c5-5f74-4287-9642-33f4c354e56d",
                  "created":"2026-11-30T08:00:00Z","modified":"2026-11-30T08:00:00Z","pattern_type":"stix",
                  "pattern":"[ipv4-addr:value = '198.51.100.7']","valid_from":"2026-11-30T08:00:00Z",
                  "valid_until":"2026-12-30T08:00:00Z",
                  "object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]},
                 {"type":"malware","spec_version":"2.1","id":"malware--3d0092c5-5f74-4287-9642-33f4c354e56d",
                  "created":"2026-11-30T08:00:00Z","modified":"2026-11-30T08:00:00Z","name":"x","is_family":true}]}""";
        StixBundles.Read read = StixBundles.read(
                Json.createReader(new java.io.StringReader(misp)).readObject());
        assertEquals(Optional.of(TlpLevel.AMBER), read.level(), "the strictest of TLP 1.0 GREEN and AMBER");
        JsonObject f = read.fields();
        assertEquals("Spyware on phones", f.getString("title"));
        assertEquals("digital", f.getString("category"));
        assertEquals(Instant.parse("2026-12-30T08:00:00Z"), Instant.parse(f.getString("validUntil")));
        assertEquals(
                "198.51.100.7", f.getJsonArray("indicators").getJsonObject(0).getString("value"));
        assertTrue(f.getString("description").contains("malware"), f.toString());
        assertFalse(f.containsKey("severity"), "MISP states none: the security officer gives it");
    }

    @Test
    void malformedBundlesAndUnknownMarkingsAreRefusedWithTheReason() {
        JsonObject good = StixBundles.export(AlertMessagesTest.document(), "Organisation A", TlpLevel.AMBER);
        JsonObject report = object(good, "report");
        assertRefused(JsonValue.EMPTY_JSON_ARRAY, "JSON object");
        assertRefused(Json.createObjectBuilder(good).add("type", "report").build(), "not a STIX bundle");
        assertRefused(Json.createObjectBuilder(good).add("id", "bundle--42").build(), "bundle--<uuid>");
        assertRefused(
                Json.createObjectBuilder(good)
                        .add("objects", JsonValue.EMPTY_JSON_ARRAY)
                        .build(),
                "no \"objects\"");
        assertRefused(
                with(
                        good,
                        Json.createObjectBuilder(report)
                                .add("spec_version", "2.0")
                                .build()),
                "STIX 2.1");
        assertRefused(
                with(
                        good,
                        Json.createObjectBuilder(report)
                                .add("created", "2026-12-01 10:00")
                                .build()),
                "timestamp");
        assertRefused(
                with(
                        good,
                        Json.createObjectBuilder(report)
                                .add(
                                        "object_marking_refs",
                                        Json.createArrayBuilder()
                                                .add("marking-definition--0d0092c5-5f74-4287-9642-33f4c354e56d"))
                                .build()),
                "not a TLP marking");
        assertRefused(
                with(
                        good,
                        Json.createObjectBuilder(report)
                                .add(
                                        "granular_markings",
                                        Json.createArrayBuilder().add(Json.createObjectBuilder()))
                                .build()),
                "granular");
        JsonObject indicator = object(good, "indicator");
        assertRefused(
                with(
                        good,
                        Json.createObjectBuilder(indicator)
                                .add("pattern", "[domain-name:value = 'a.example'] AND [url:value = 'b']")
                                .build()),
                "cannot be carried");
        JsonObject secondReport = Json.createObjectBuilder(report)
                .add("id", "report--6d0092c5-5f74-4287-9642-33f4c354e56d")
                .build();
        assertRefused(
                Json.createObjectBuilder(good)
                        .add(
                                "objects",
                                Json.createArrayBuilder(good.getJsonArray("objects"))
                                        .add(secondReport))
                        .build(),
                "one alert at a time");
    }

    /** {@code bundle} with {@code replacement} in place of the object of the same type. */
    private static JsonObject with(JsonObject bundle, JsonObject replacement) {
        var objects = Json.createArrayBuilder();
        for (JsonValue v : bundle.getJsonArray("objects")) {
            JsonObject o = v.asJsonObject();
            objects.add(o.getString("type").equals(replacement.getString("type")) ? replacement : o);
        }
        return Json.createObjectBuilder(bundle).add("objects", objects).build();
    }

    private static void assertRefused(JsonValue bundle, String says) {
        InvalidStixException e = assertThrows(InvalidStixException.class, () -> StixBundles.read(bundle));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
