package org.amicus.web.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.core.alert.entity.AlertTerms;
import org.amicus.core.alert.entity.InvalidAlertException;
import org.amicus.core.alert.entity.InvalidStixException;
import org.amicus.core.alert.entity.Severity;
import org.amicus.core.alert.entity.ThreatCategory;
import org.amicus.core.routing.entity.TlpLevel;
import org.junit.jupiter.api.Test;

class AlertInputTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aTemplateFillsInWhatTheBodyLeavesOutAndTheBodyOverridesIt() {
        AlertTerms t = AlertInput.terms(
                Json.createObjectBuilder()
                        .add("template", "phishing-campaign")
                        .add("severity", "critical")
                        .build(),
                NOW);
        assertEquals(Severity.CRITICAL, t.severity());
        assertEquals(ThreatCategory.DIGITAL, t.category());
        assertEquals(AlertTemplate.PHISHING_CAMPAIGN.title(), t.notice().title());
        assertEquals(NOW.plus(Duration.ofDays(14)), t.validUntil());
        assertEquals(Duration.ofHours(4), t.escalateAfter());
        assertEquals(Optional.of(AlertTemplate.PHISHING_CAMPAIGN), t.template());
    }

    @Test
    void withoutATemplateTheBodyStatesEverythingAndTheEscalationFollowsTheSeverity() {
        AlertTerms t = AlertInput.terms(
                Json.createObjectBuilder()
                        .add("severity", "information")
                        .add("category", "political")
                        .add("title", "elections postponed")
                        .add("action", "review travel plans")
                        .add("validUntil", NOW.plus(Duration.ofDays(10)).toString())
                        .build(),
                NOW);
        assertEquals(Duration.ofDays(1), t.escalateAfter());
        AlertTerms at = AlertInput.terms(
                Json.createObjectBuilder()
                        .add("template", "legal-action")
                        .add("escalateAt", NOW.plus(Duration.ofMinutes(90)).toString())
                        .build(),
                NOW);
        assertEquals(Duration.ofMinutes(90), at.escalateAfter());
    }

    @Test
    void badAlertsAreRefusedNamingWhatIsWrong() {
        refused(
                Json.createObjectBuilder()
                        .add("category", "digital")
                        .add("title", "t")
                        .add("action", "a"),
                "severity");
        refused(Json.createObjectBuilder().add("template", "earthquake"), "template");
        refused(Json.createObjectBuilder().add("template", "legal-action").add("severity", "apocalyptic"), "severity");
        refused(
                Json.createObjectBuilder()
                        .add("template", "legal-action")
                        .add("escalateAt", NOW.minusSeconds(1).toString()),
                "in the past");
        refused(
                Json.createObjectBuilder().add("template", "legal-action").add("escalateAfter", "PT-5M"),
                "in the past");
        refused(Json.createObjectBuilder().add("template", "legal-action").add("escalateAfter", "soon"), "ISO 8601");
        refused(
                Json.createObjectBuilder()
                        .add("template", "legal-action")
                        .add("escalateAfter", "PT1H")
                        .add("escalateAt", NOW.plusSeconds(3600).toString()),
                "not both");
        refused(
                Json.createObjectBuilder().add("template", "legal-action").add("validUntil", NOW.toString()),
                "in the past");
        refused(Json.createObjectBuilder().add("template", "legal-action").add("title", 42), "is a string");
        assertTrue(assertThrows(InvalidAlertException.class, () -> AlertInput.marking(JsonObject.EMPTY_JSON_OBJECT))
                .getMessage()
                .contains("audience"));
    }

    @Test
    void anImportedAlertKeepsTheBundlesLevelOrAStricterOne() {
        JsonObject toSomeone = Json.createObjectBuilder()
                .add("marking", Json.createObjectBuilder().add("distribution", "federation"))
                .build();
        assertEquals(
                "GREEN",
                AlertInput.markingAtLeast(toSomeone, Optional.of(TlpLevel.GREEN))
                        .getString("tlp"));
        JsonObject stricter = Json.createObjectBuilder()
                .add(
                        "marking",
                        Json.createObjectBuilder()
                                .add("distribution", "organisations")
                                .add(
                                        "organisations",
                                        Json.createArrayBuilder()
                                                .add(java.util.UUID.randomUUID().toString()))
                                .add("tlp", "amber"))
                .build();
        assertEquals(
                "amber",
                AlertInput.markingAtLeast(stricter, Optional.of(TlpLevel.GREEN)).getString("tlp"));
        JsonObject looser = Json.createObjectBuilder()
                .add(
                        "marking",
                        Json.createObjectBuilder()
                                .add("distribution", "federation")
                                .add("tlp", "clear"))
                .build();
        assertThrows(InvalidStixException.class, () -> AlertInput.markingAtLeast(looser, Optional.of(TlpLevel.GREEN)));
    }

    private static void refused(JsonObjectBuilder body, String says) {
        InvalidAlertException e = assertThrows(InvalidAlertException.class, () -> AlertInput.terms(body.build(), NOW));
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
