package org.amicus.it;

import static org.amicus.it.FederationIT.addPeer;
import static org.amicus.it.FederationIT.fileOutcome;
import static org.amicus.it.FederationIT.nodeId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amicus.it.TestPeople.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Coalitions, markings and need-to-know routing between three real nodes (docs/routing.md): A, a
 * civil-society organisation; B, another; C, a justice mechanism. A reaches C directly; C reaches A through a
 * relay the test can cut, so that C's view of a coalition can run ahead of A's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class CoalitionIT {

    /**
     * How long a verification of a file of up to 256 MiB may take: it reads, decrypts and hashes the whole file, and
     * on two cores shared with the other suite's three nodes it once took longer than the default 30 s.
     */
    private static final java.time.Duration WHOLE_FILE = java.time.Duration.ofSeconds(180);

    private static NodeProcess a;
    private static NodeProcess b;
    private static NodeProcess c;
    private static TcpProxy cToA;
    private static String coalition;

    /**
     * Deadline checks every 2 s, uploads resumable for 20 s, alert escalations and due bulletins checked every second:
     * what takes days in use takes seconds here.
     */
    private static final java.util.Map<String, String> QUICK_JOBS = java.util.Map.of(
            "AMICUS_PASSPHRASE",
            NodeProcess.PASSPHRASE,
            "AMICUS_SERVER_JAVA_OPTS",
            "-Damicus.cooperation.deadline-check-seconds=2 -Damicus.uploads.resumable-seconds=20"
                    + " -Damicus.uploads.check-seconds=2 -Damicus.alerts.check-seconds=1 -Damicus.bulletins.check-seconds=1");

    /** The bulletin A scheduled an hour ahead (Bulletins), published after A's restart (SecurityAlerts). */
    private static String scheduledAtA;

    private static Instant scheduledFor;

    /** A's test clock: the node's time runs ahead of the system's by the duration in this file (ClockProducer). */
    private static Path clockOfA;

    /** Moves A's clock {@code by} further ahead (the node reads the file within 200 ms, and never moves back). */
    private static void advanceClockOfA(Duration by) throws java.io.IOException {
        Duration now = java.nio.file.Files.exists(clockOfA)
                ? Duration.parse(java.nio.file.Files.readString(clockOfA).strip())
                : Duration.ZERO;
        java.nio.file.Files.writeString(clockOfA, now.plus(by).toString());
    }

    /** A's time now: this machine's, moved by A's test clock. */
    private static Instant nowAtA() throws java.io.IOException {
        return Instant.now()
                .plus(
                        java.nio.file.Files.exists(clockOfA)
                                ? Duration.parse(
                                        java.nio.file.Files.readString(clockOfA).strip())
                                : Duration.ZERO);
    }

    /** A's start options: the quick jobs, and its test clock. */
    private static java.util.Map<String, String> optionsOfA() {
        java.util.Map<String, String> m = new java.util.HashMap<>(QUICK_JOBS);
        m.put(
                "AMICUS_SERVER_JAVA_OPTS",
                m.get("AMICUS_SERVER_JAVA_OPTS") + " -Damicus.test.clock-offset-file=" + clockOfA);
        return m;
    }

    @BeforeAll
    static void threeOrganisations() throws Exception {
        ItEnvironment.resetDatabase();
        Path root = ItEnvironment.work().resolve("coalition-" + UUID.randomUUID());
        java.nio.file.Files.createDirectories(root);
        clockOfA = root.resolve("clock-of-a");
        a = NodeProcess.start(
                root.resolve("a"), ItEnvironment.freePort(), ItEnvironment.freePort(), true, optionsOfA());
        b = NodeProcess.start(root.resolve("b"), ItEnvironment.freePort(), ItEnvironment.freePort(), false, QUICK_JOBS);
        c = NodeProcess.start(
                root.resolve("c"),
                ItEnvironment.freePort(),
                ItEnvironment.freePort(),
                false,
                QUICK_JOBS,
                "--organisation",
                "Mechanism C",
                "--organisation-type",
                "justice-mechanism");
        a.awaitReady();
        b.awaitReady();
        c.awaitReady();
        cToA = TcpProxy.to(a.federationPort);
        assertEquals(201, addPeer(a, b, null).status());
        assertEquals(201, addPeer(b, a, null).status());
        assertEquals(201, addPeer(a, c, null).status());
        assertEquals(201, addPeer(c, a, cToA.address()).status());
        assertEquals(201, addPeer(b, c, null).status());
        assertEquals(201, addPeer(c, b, null).status());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cToA != null) {
            cToA.close();
        }
        AssertionError failed = null;
        for (NodeProcess n : new NodeProcess[] {a, b, c}) {
            try {
                if (n != null) {
                    n.close();
                }
            } catch (AssertionError e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Test
    @Order(1)
    void theDirectoryShowsEachOrganisationWithTheTypeItsKeyStates() throws Exception {
        Http.Response r = Http.get(a.uri("api/v1/organisations"));
        assertEquals(200, r.status(), r.body());
        JsonArray orgs = Json.createReader(new java.io.StringReader(r.body())).readArray();
        assertEquals(3, orgs.size(), r.body());
        JsonObject own = orgs.getJsonObject(0);
        assertTrue(own.getBoolean("own"));
        assertEquals(nodeId(a), own.getString("id"), "an organisation's id is its node's id");
        assertEquals("civil-society", own.getString("type"));
        JsonObject mechanism = organisation(orgs, nodeId(c));
        assertEquals("Mechanism C", mechanism.getString("name"));
        assertEquals("justice-mechanism", mechanism.getString("type"));
        assertEquals("justice mechanism", mechanism.getString("typeLabel"));
        assertTrue(mechanism.getBoolean("reachable"));
        assertEquals("civil-society", organisation(orgs, nodeId(b)).getString("type"));
        assertEquals(
                "justice-mechanism",
                Http.get(a.uri("api/v1/organisations/" + nodeId(c))).json().getString("type"));
        assertEquals(
                404,
                Http.get(a.uri("api/v1/organisations/" + UUID.randomUUID())).status());
    }

    @Test
    @Order(2)
    void aCoalitionMessageReachesExactlyItsCurrentMembersAndARemovalTakesEffectForEveryLaterMessage() throws Exception {
        // A founds the coalition and invites B, which accepts: both nodes hold the same verified roster
        Http.Response founded = Http.postJson(
                a.uri("api/v1/coalitions"),
                Json.createObjectBuilder()
                        .add("purpose", "Detention sites, joint submission")
                        .build());
        assertEquals(201, founded.status(), founded.body());
        coalition = founded.json().getString("id");
        assertEquals("MEMBER", founded.json().getString("ownStanding"));
        assertTrue(founded.json().getBoolean("ownAdministrator"));
        change(a, "invite", nodeId(b), 200);
        awaitCoalition(b, x -> "INVITED".equals(x.getString("ownStanding")));
        change(b, "accept", null, 200);
        JsonObject atA = awaitCoalition(a, x -> "MEMBER".equals(standing(x, b)));
        JsonObject atB = coalitionAt(b);
        assertEquals(atA.getString("head"), atB.getString("head"), "the same chain on both nodes");
        assertEquals(3, atA.getInt("events"));

        // a message marked for the coalition goes to its members: B, not C
        String first = send(a, coalitionMarking("AMBER"), "first");
        assertEquals(List.of(nodeId(b)), recipients(a, first));
        JsonObject read = awaitReceived(b, first);
        assertEquals("first", read.getString("subject"));
        assertEquals("AMBER", read.getJsonObject("marking").getString("tlp"));
        assertTrue(
                read.getJsonArray("markingInWords").getString(0).startsWith("TLP:AMBER"),
                read.getJsonArray("markingInWords").toString());
        assertEquals(404, Http.get(c.uri("api/v1/messages/received/" + first)).status());

        // a non-member cannot use the coalition as a channel
        Http.Response outsider = sendRaw(c, coalitionMarking("AMBER"), "from outside");
        assertProblem(outsider, 422, "routing-refused");

        // C joins; then A removes B: the next message reaches C and not B
        change(a, "invite", nodeId(c), 200);
        awaitCoalition(c, x -> "INVITED".equals(x.getString("ownStanding")));
        change(c, "accept", null, 200);
        awaitCoalition(a, x -> "MEMBER".equals(standing(x, c)));
        awaitCoalition(b, x -> "MEMBER".equals(standing(x, c))); // C sent its acceptance to every member
        change(a, "remove", nodeId(b), 200);
        awaitCoalition(b, x -> "REMOVED".equals(x.getString("ownStanding")));
        String second = send(a, coalitionMarking("AMBER"), "second");
        assertEquals(List.of(nodeId(c)), recipients(a, second), "a removed member is not encrypted to");
        awaitReceived(c, second);
        assertEquals(404, Http.get(b.uri("api/v1/messages/received/" + second)).status());
        // and B, removed, can no longer send to it either
        assertProblem(sendRaw(b, coalitionMarking("GREEN"), "after removal"), 422, "routing-refused");
        String audit = audit(a);
        assertTrue(audit.contains("\"coalition.removed\""), "the removal is audited");
        assertTrue(audit.contains("TLP:AMBER coalitions(1)"), "the marking of what was sent is audited");
        assertFalse(audit.contains("Detention sites"), "no content in the audit log");
    }

    @Test
    @Order(3)
    void aNodeRefusesWhatItsOwnViewSaysIsNotForItAndTheSenderIsTold() throws Exception {
        // C leaves while its way to A is cut: A still counts C as a member and sends to it
        cToA.cut();
        try {
            change(c, "leave", null, 200);
            assertEquals("MEMBER", standing(coalitionAt(a), c), "A has not heard yet");
            String late = send(a, coalitionMarking("AMBER"), "sent after C left");
            assertEquals(List.of(nodeId(c)), recipients(a, late));
            awaitRefusal(c, late, "not-entitled");
            assertEquals(
                    404, Http.get(c.uri("api/v1/messages/received/" + late)).status(), "nothing stored");
            cToA.heal();
            JsonObject rejected = awaitSentState(a, late, "REJECTED");
            assertTrue(rejected.getString("detail").contains("not-entitled"), rejected.toString());
            awaitCoalition(a, x -> "LEFT".equals(standing(x, c)));
        } finally {
            cToA.heal();
        }
    }

    @Test
    @Order(4)
    void contentForNamedPersonsIsShownOnlyToThem() throws Exception {
        URI bApi = b.uri("api/v1/");
        Person named = TestPeople.add(bApi, "viewer");
        Person colleague = TestPeople.add(bApi, "analyst");
        JsonObject red = Json.createObjectBuilder()
                .add("tlp", "RED")
                .add("distribution", "organisations")
                .add("organisations", Json.createArrayBuilder().add(nodeId(b)))
                .add(
                        "namedPersons",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("organisation", nodeId(b))
                                        .add("person", named.id())))
                .build();
        String id = send(a, red, "for one person");
        awaitListed(b, id);
        Http.Response operator = Http.get(b.uri("api/v1/messages/received/" + id));
        assertProblem(operator, 403, "content-withheld");
        assertFalse(operator.body().contains("for one person"));
        Http.Response other = Http.as(
                TestPeople.signIn(bApi, colleague, TestPeople.code(colleague, 0))
                        .token(),
                HttpRequest.newBuilder(b.uri("api/v1/messages/received/" + id)).GET());
        assertProblem(other, 403, "content-withheld");
        Http.Response shown = Http.as(
                TestPeople.signIn(bApi, named, TestPeople.code(named, 0)).token(),
                HttpRequest.newBuilder(b.uri("api/v1/messages/received/" + id)).GET());
        assertEquals(200, shown.status(), shown.body());
        assertEquals("for one person", shown.json().getString("subject"));
        String audit = audit(b);
        assertTrue(audit.contains("\"content.withheld\""), "each refusal is audited");
        assertTrue(audit.contains("\"person:" + named.id() + "\""), "the display is audited under the person");
    }

    @Test
    @Order(5)
    void contradictoryMarkingsUnknownOrganisationsAndUnauthorisedChangesAreRefusedAndChangeNothing() throws Exception {
        // markings that contradict themselves
        JsonObject redWithoutPersons = Json.createObjectBuilder()
                .add("tlp", "RED")
                .add("distribution", "organisations")
                .add("organisations", Json.createArrayBuilder().add(nodeId(b)))
                .build();
        assertProblem(sendRaw(a, redWithoutPersons, "x"), 422, "invalid-marking");
        JsonObject amberToAll = Json.createObjectBuilder()
                .add("tlp", "AMBER")
                .add("distribution", "federation")
                .build();
        assertProblem(sendRaw(a, amberToAll, "x"), 422, "invalid-marking");
        assertProblem(sendRaw(a, marking("PURPLE", "federation", null), "x"), 422, "invalid-marking");
        Http.Response both = Http.postJson(
                a.uri("api/v1/messages"),
                Json.createObjectBuilder()
                        .add("to", Json.createArrayBuilder().add(nodeId(b)))
                        .add("marking", coalitionMarking("AMBER"))
                        .add("subject", "x")
                        .add("body", "x")
                        .build());
        assertProblem(both, 422, "invalid-marking");
        JsonObject unknownCoalition = Json.createObjectBuilder()
                .add("tlp", "AMBER")
                .add("distribution", "coalitions")
                .add(
                        "coalitions",
                        Json.createArrayBuilder().add(UUID.randomUUID().toString()))
                .build();
        assertProblem(sendRaw(a, unknownCoalition, "x"), 422, "routing-refused");

        // roster changes: unknown organisation, unknown action, not possible, not this organisation's to make
        JsonObject before = coalitionAt(a);
        assertProblem(changeRaw(a, "invite", UUID.randomUUID().toString()), 422, "coalition-refused");
        assertProblem(changeRaw(a, "promote", nodeId(b)), 400, "invalid-input");
        assertProblem(changeRaw(a, "accept", null), 409, "roster-conflict");
        assertProblem(changeRaw(a, "suspend", nodeId(b)), 409, "roster-conflict"); // B was removed
        assertEquals(before.getString("head"), coalitionAt(a).getString("head"), "nothing changed");

        Http.Response y = Http.postJson(
                a.uri("api/v1/coalitions"),
                Json.createObjectBuilder().add("purpose", "Second coalition").build());
        String second = y.json().getString("id");
        assertEquals(200, changeRaw(a, second, "invite", nodeId(b)).status());
        awaitCoalition(b, second, x -> "INVITED".equals(x.getString("ownStanding")));
        assertEquals(200, changeRaw(b, second, "accept", null).status());
        awaitCoalition(a, second, x -> "MEMBER".equals(standing(x, b)));
        JsonObject atB = coalitionAt(b, second);
        assertProblem(changeRaw(b, second, "remove", nodeId(a)), 403, "roster-unauthorised");
        assertEquals(atB.getString("head"), coalitionAt(b, second).getString("head"), "nothing changed on B");

        assertProblem(Http.get(a.uri("api/v1/coalitions/" + UUID.randomUUID())), 404, "coalition-not-found");
        assertProblem(Http.get(a.uri("api/v1/coalitions/not-an-id")), 400, "invalid-input");
        assertProblem(
                Http.postJson(
                        a.uri("api/v1/coalitions"),
                        Json.createObjectBuilder().add("purpose", " ").build()),
                422,
                "coalition-refused");
        assertProblem(
                Http.postJson(
                        a.uri("api/v1/coalitions"),
                        Json.createObjectBuilder()
                                .add("purpose", "bad setting")
                                .add("historyForNewMembers", "yes")
                                .build()),
                400,
                "invalid-input");
    }

    @Test
    @Order(6)
    void passingAMessageOnNeedsWhatItsMarkingRequiresAndTheOriginatorsConsentIsAskedGrantedAndRecorded()
            throws Exception {
        JsonObject controlled = Json.createObjectBuilder()
                .add("tlp", "AMBER")
                .add("distribution", "organisations")
                .add("organisations", Json.createArrayBuilder().add(nodeId(b)))
                .add("originatorControl", true)
                .add("use", "lead-only")
                .build();
        String id = send(a, controlled, "a lead for the prosecutor");
        awaitListed(b, id);
        JsonObject toC = organisations(c);

        // without consent: refused, audited, nothing sent
        Http.Response refused = Http.postJson(b.uri("api/v1/messages/received/" + id + "/forward"), toC);
        assertProblem(refused, 409, "reshare-refused");
        assertTrue(refused.json().getString("detail").contains("originator"), refused.body());

        // B asks A; A's coordinator grants; B's node records the signed answer
        Http.Response asked = Http.postJson(b.uri("api/v1/messages/received/" + id + "/consent-requests"), toC);
        assertEquals(201, asked.status(), asked.body());
        String request = asked.json().getString("id");
        assertEquals("ASKED", asked.json().getString("side"));
        assertEquals("PENDING", asked.json().getString("state"));
        JsonObject atA = awaitConsent(a, request, x -> true);
        assertEquals("ASKED_OF", atA.getString("side"));
        assertEquals(id, atA.getString("message"));
        Http.Response granted = Http.postJson(
                a.uri("api/v1/consents/" + request),
                Json.createObjectBuilder().add("decision", "grant").build());
        assertEquals(200, granted.status(), granted.body());
        assertEquals("GRANTED", granted.json().getString("state"));
        assertProblem(
                Http.postJson(
                        a.uri("api/v1/consents/" + request),
                        Json.createObjectBuilder().add("decision", "refuse").build()),
                409,
                "reshare-refused");
        awaitConsent(b, request, x -> "GRANTED".equals(x.getString("state")));

        // now the forward goes, to C only, and C sees where it came from
        Http.Response forwarded = Http.postJson(b.uri("api/v1/messages/received/" + id + "/forward"), toC);
        assertEquals(201, forwarded.status(), forwarded.body());
        String copy = forwarded.json().getString("id");
        assertEquals(List.of(nodeId(c)), recipients(b, copy));
        JsonObject atC = awaitReceived(c, copy);
        assertEquals("amicus.forward", atC.getString("type"));
        assertEquals(id, atC.getJsonObject("forwardedFrom").getString("message"));
        assertEquals(nodeId(a), atC.getJsonObject("forwardedFrom").getString("originator"));
        assertEquals("the body of a lead for the prosecutor", atC.getString("body"));
        assertTrue(atC.getJsonObject("marking").getBoolean("originatorControl"), "the conditions travel with it");
        assertEquals("lead-only", atC.getJsonObject("marking").getString("use"));
        // C cannot pass the copy on
        assertProblem(
                Http.postJson(c.uri("api/v1/messages/received/" + copy + "/forward"), organisations(b)),
                409,
                "reshare-refused");
        String auditB = audit(b);
        assertTrue(auditB.contains("\"message.forward.refused\""), "the refusal is audited");
        assertTrue(auditB.contains("\"message.forwarded\""), "the forward is audited");
        assertTrue(audit(a).contains("\"consent.granted\""), "the consent is audited where it was given");

        // AMBER+STRICT never leaves the recipient organisation: no consent can change that
        JsonObject strict = Json.createObjectBuilder()
                .add("tlp", "AMBER+STRICT")
                .add("distribution", "organisations")
                .add("organisations", Json.createArrayBuilder().add(nodeId(b)))
                .build();
        String kept = send(a, strict, "stays with B");
        awaitListed(b, kept);
        assertProblem(
                Http.postJson(b.uri("api/v1/messages/received/" + kept + "/forward"), toC), 409, "reshare-refused");
        assertProblem(
                Http.postJson(b.uri("api/v1/messages/received/" + kept + "/consent-requests"), toC),
                409,
                "reshare-refused");

        // a refusal is recorded too, and the forward stays refused
        String second = send(a, controlled, "another lead");
        awaitListed(b, second);
        String again = Http.postJson(b.uri("api/v1/messages/received/" + second + "/consent-requests"), toC)
                .json()
                .getString("id");
        awaitConsent(a, again, x -> true);
        assertEquals(
                "REFUSED",
                Http.postJson(
                                a.uri("api/v1/consents/" + again),
                                Json.createObjectBuilder()
                                        .add("decision", "refuse")
                                        .build())
                        .json()
                        .getString("state"));
        awaitConsent(b, again, x -> "REFUSED".equals(x.getString("state")));
        assertProblem(
                Http.postJson(b.uri("api/v1/messages/received/" + second + "/forward"), toC), 409, "reshare-refused");

        // bad input
        assertProblem(
                Http.postJson(
                        a.uri("api/v1/consents/" + UUID.randomUUID()),
                        Json.createObjectBuilder().add("decision", "grant").build()),
                404,
                "consent-not-found");
        assertProblem(
                Http.postJson(
                        a.uri("api/v1/consents/" + again),
                        Json.createObjectBuilder().add("decision", "maybe").build()),
                400,
                "invalid-input");
        assertProblem(
                Http.postJson(
                        b.uri("api/v1/consents/" + again),
                        Json.createObjectBuilder().add("decision", "grant").build()),
                409,
                "reshare-refused"); // only the originator answers
        assertProblem(
                Http.postJson(b.uri("api/v1/messages/received/" + UUID.randomUUID() + "/forward"), toC),
                404,
                "message-not-found");
        assertProblem(
                Http.postJson(
                        b.uri("api/v1/messages/received/" + id + "/forward"),
                        Json.createObjectBuilder().build()),
                400,
                "invalid-input");
    }

    /**
     * Object-level access: every operation of the API document that takes an id, called on A by its operator
     * (who holds every role) with the ids of B's own objects (a message B sent to C, a coalition A is not in,
     * one of B's people, B's consent request), answers a refusal: no object of one organisation is reachable
     * through another's node.
     */
    @Test
    @Order(7)
    void anotherOrganisationsObjectIdsAreRefusedOnEveryOperation() throws Exception {
        String message = send(b, marking("GREEN", "organisations", null, nodeId(c)), "B to C");
        awaitReceived(c, message);
        String coalitionOfB = Http.postJson(
                        b.uri("api/v1/coalitions"),
                        Json.createObjectBuilder().add("purpose", "B's own").build())
                .json()
                .getString("id");
        String person = TestPeople.add(b.uri("api/v1/"), "viewer").id();
        Http.Response doc = Http.anonymous(HttpRequest.newBuilder(a.uri("openapi"))
                .header("Accept", "application/json")
                .GET());
        JsonObject paths = doc.json().getJsonObject("paths");
        List<String> wrong = new java.util.ArrayList<>();
        int calls = 0;
        for (String rawPath : paths.keySet()) {
            int v1 = rawPath.indexOf("/api/v1/");
            if (v1 < 0 || !rawPath.contains("{")) {
                continue;
            }
            String path = rawPath.substring(v1 + 1);
            for (String verb : paths.getJsonObject(rawPath).keySet()) {
                String method = verb.toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                for (String id : new String[] {message, coalitionOfB, person}) {
                    String concrete = path.replace("{id}", id)
                            .replace("{node}", id)
                            .replace("{messageId}", id)
                            .replace("{file}", "f1")
                            .replace("{fingerprint}", "0123456789ABCDEF0123456789ABCDEF01234567");
                    Http.Response r = Http.send(
                            method, a.uri(concrete), method.equals("GET") || method.equals("DELETE") ? "" : "{}");
                    calls++;
                    if (r.status() < 400
                            || r.body().contains("B to C")
                            || r.body().contains("B's own")) {
                        wrong.add(method + " " + concrete + ": " + r.status() + " " + r.body());
                    }
                }
            }
        }
        assertTrue(calls > 30, "operations with ids: " + calls);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /**
     * Two administrators change the roster at the same moment on nodes that cannot hear each other: each
     * node keeps the change it had first and refuses the other's chain as a fork, on every node (ADR 13).
     */
    @Test
    @Order(8)
    void aConflictingRosterEventIsRefusedOnEveryNodeThatHoldsAnotherAtItsPlace() throws Exception {
        String z = Http.postJson(
                        a.uri("api/v1/coalitions"),
                        Json.createObjectBuilder()
                                .add("purpose", "two administrators")
                                .build())
                .json()
                .getString("id");
        assertEquals(200, changeRaw(a, z, "invite", nodeId(c)).status());
        awaitCoalition(c, z, x -> "INVITED".equals(x.getString("ownStanding")));
        assertEquals(200, changeRaw(c, z, "accept", null).status());
        awaitCoalition(a, z, x -> "MEMBER".equals(standing(x, c)));
        assertEquals(200, changeRaw(a, z, "grant-administrator", nodeId(c)).status());
        awaitCoalition(c, z, x -> x.getBoolean("ownAdministrator"));
        int forksAtA = count(Http.get(a.uri("api/v1/federation/refused")).body(), "roster-out-of-order");
        int forksAtC = count(Http.get(c.uri("api/v1/federation/refused")).body(), "roster-out-of-order");
        cToA.cut();
        try {
            assertEquals(200, changeRaw(c, z, "invite", nodeId(b)).status()); // C's event 5, held up
            assertEquals(200, changeRaw(a, z, "suspend", nodeId(c)).status()); // A's event 5
            awaitCount(c, "roster-out-of-order", forksAtC + 1);
            assertEquals("MEMBER", coalitionAt(c, z).getString("ownStanding"), "C kept its own event 5");
        } finally {
            cToA.heal();
        }
        awaitCount(a, "roster-out-of-order", forksAtA + 1);
        assertEquals("SUSPENDED", standing(coalitionAt(a, z), c), "A kept its own event 5");
        assertFalse(
                coalitionAt(a, z).getString("head").equals(coalitionAt(c, z).getString("head")),
                "the fork stays visible: the heads differ until an administrator resolves it");
    }

    @Test
    @Order(9)
    void aCoalitionThatShowsItsHistoryToNewMembersSendsThemWhatWasSentBeforeTheyJoined() throws Exception {
        Http.Response founded = Http.postJson(
                a.uri("api/v1/coalitions"),
                Json.createObjectBuilder()
                        .add("purpose", "shared history")
                        .add("historyForNewMembers", true)
                        .build());
        assertEquals(201, founded.status(), founded.body());
        assertTrue(founded.json().getBoolean("historyForNewMembers"));
        String h = founded.json().getString("id");
        assertEquals(200, changeRaw(a, h, "invite", nodeId(b)).status());
        awaitCoalition(b, h, x -> "INVITED".equals(x.getString("ownStanding")));
        assertEquals(200, changeRaw(b, h, "accept", null).status());
        awaitCoalition(a, h, x -> "MEMBER".equals(standing(x, b)));
        JsonObject forH = Json.createObjectBuilder()
                .add("tlp", "AMBER")
                .add("distribution", "coalitions")
                .add("coalitions", Json.createArrayBuilder().add(h))
                .build();
        String before = send(a, forH, "sent before C joined");
        awaitReceived(b, before);

        assertEquals(200, changeRaw(a, h, "invite", nodeId(c)).status());
        awaitCoalition(c, h, x -> "INVITED".equals(x.getString("ownStanding")));
        assertEquals(200, changeRaw(c, h, "accept", null).status());
        JsonObject copy = poll("the earlier message at C", () -> {
            for (JsonValue v : Json.createReader(new java.io.StringReader(
                            Http.get(c.uri("api/v1/messages/received")).body()))
                    .readArray()) {
                JsonObject opened = Http.get(c.uri(
                                "api/v1/messages/received/" + v.asJsonObject().getString("id")))
                        .json();
                if ("sent before C joined".equals(opened.getString("subject", null))) {
                    return opened;
                }
            }
            return null;
        });
        assertEquals(nodeId(a), copy.getString("fromNode"), "sent again by its originator");
        assertEquals("AMBER", copy.getJsonObject("marking").getString("tlp"));
        assertEquals(h, copy.getJsonObject("marking").getJsonArray("coalitions").getString(0));
        assertTrue(audit(a).contains("\"coalition.history.sent\""));
    }

    /**
     * Cooperation requests between the three organisations (docs/cooperation.md): C, the mechanism, asks A and B;
     * each answers on its own part; both sides of each part show the same steps and state.
     */
    @Nested
    @Order(1)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class CooperationRequests {

        @Test
        @Order(1)
        void aMechanismsRequestIsAnsweredByEachOrganisationAndBothSidesShowTheSameStepsToClosure() throws Exception {
            Http.Response drafted = draft(c, request("Detention sites in the north", soon(30)), nodeId(a), nodeId(b));
            assertEquals(201, drafted.status(), drafted.body());
            String id = drafted.json().getString("id");
            assertEquals("draft", drafted.json().getString("status"));
            assertEquals("requester", drafted.json().getString("side"));
            assertEquals(0, drafted.json().getJsonArray("parts").size(), "nothing sent yet");
            assertEquals(
                    404, Http.get(a.uri("api/v1/cooperation/requests/" + id)).status(), "a draft stays home");

            JsonObject sent = act(c, id, "send", null, null, 200);
            assertEquals("sent", sent.getString("status"));
            assertEquals(List.of("sent", "sent"), states(sent));

            // each organisation asked holds the request, its terms as sent, and its own part only
            for (NodeProcess asked : new NodeProcess[] {a, b}) {
                JsonObject there = awaitPart(asked, id, nodeId(asked), "sent");
                assertEquals("responder", there.getString("side"));
                assertEquals(nodeId(c), there.getString("requester"));
                assertEquals("Detention sites in the north", there.getString("subject"));
                assertEquals(sent.getString("legalBasis"), there.getString("legalBasis"));
                assertEquals(sent.getJsonObject("scope"), there.getJsonObject("scope"));
                assertEquals(sent.getString("deadline"), there.getString("deadline"));
                assertEquals(1, there.getJsonArray("parts").size());
                assertEquals("AMBER", there.getJsonObject("marking").getString("tlp"));
            }

            // A asks a question, C answers it, A accepts; B declines with its reason
            act(a, id, "acknowledge", null, null, 200);
            act(a, id, "request-clarification", null, "Which districts exactly?", 200);
            JsonObject asked = awaitPart(c, id, nodeId(a), "clarification-requested");
            assertEquals("Which districts exactly?", lastStep(asked, nodeId(a)).getString("note"));
            act(c, id, "answer-clarification", nodeId(a), "The three northern districts.", 200);
            awaitPart(a, id, nodeId(a), "clarification-answered");
            act(a, id, "accept", null, null, 200);
            act(b, id, "decline", null, "We hold nothing on that region.", 200);
            JsonObject atC = awaitPart(c, id, nodeId(b), "declined");
            assertEquals(
                    "We hold nothing on that region.", lastStep(atC, nodeId(b)).getString("note"));
            awaitPart(c, id, nodeId(a), "accepted");

            // steps the lifecycle does not allow are refused on the node where they are tried, and change nothing
            assertProblem(actRaw(a, id, "close", null, null), 409, "illegal-transition");
            assertProblem(actRaw(c, id, "accept", nodeId(a), null), 409, "illegal-transition");
            assertProblem(actRaw(b, id, "accept", null, null), 409, "illegal-transition");
            assertProblem(actRaw(c, id, "answer-clarification", nodeId(b), "unasked"), 409, "illegal-transition");
            assertProblem(actRaw(a, id, "decline", null, "too late to decline"), 409, "illegal-transition");
            assertProblem(actRaw(a, id, "fly", null, null), 400, "invalid-input");
            assertProblem(actRaw(c, id, "withdraw", null, null), 422, "invalid-cooperation-request");
            assertEquals("accepted", part(get(a, id), nodeId(a)).getString("state"));

            act(a, id, "fulfil-partially", null, null, 200);
            act(a, id, "fulfil", null, null, 200);
            awaitPart(c, id, nodeId(a), "fulfilled");
            JsonObject closed = act(c, id, "close", null, null, 200);
            assertEquals(List.of("closed", "closed"), states(closed), "close without an organisation: every part");
            awaitPart(a, id, nodeId(a), "closed");
            awaitPart(b, id, nodeId(b), "closed");

            // the same chain of steps on both sides of each part
            assertEquals(steps(get(c, id), nodeId(a)), steps(get(a, id), nodeId(a)));
            assertEquals(steps(get(c, id), nodeId(b)), steps(get(b, id), nodeId(b)));
            assertEquals(
                    List.of(
                            "send",
                            "acknowledge",
                            "request-clarification",
                            "answer-clarification",
                            "accept",
                            "fulfil-partially",
                            "fulfil",
                            "close"),
                    steps(get(a, id), nodeId(a)).stream()
                            .map(s -> s.split(" ")[1])
                            .toList());

            // the request is not a message in the inbox, and no content reaches the audit log
            assertFalse(Http.get(a.uri("api/v1/messages/received")).body().contains(id));
            String log = audit(c);
            assertTrue(log.contains("\"cooperation.sent\""));
            assertFalse(log.contains("Detention sites"), "no content in the audit log");
            assertFalse(log.contains("northern districts"), "no note in the audit log");
            assertFalse(audit(a).contains("Which districts"), "no note in the responder's audit log");
        }

        @Test
        @Order(2)
        void aStepThatCrossedAWithdrawalIsSupersededOnBothNodesAndNothingFollowsTheWithdrawal() throws Exception {
            String id =
                    draft(c, request("Crossing", soon(30)), nodeId(a)).json().getString("id");
            act(c, id, "send", null, null, 200);
            awaitPart(a, id, nodeId(a), "sent");
            cToA.cut();
            try {
                act(c, id, "withdraw", null, "The mandate ended.", 200);
                act(a, id, "accept", null, null, 200); // A has not heard of the withdrawal yet
                JsonObject atC = poll("the crossing acceptance at C", () -> {
                    JsonObject p = part(get(c, id), nodeId(a));
                    return p.getJsonArray("steps").stream()
                                    .anyMatch(s ->
                                            "superseded".equals(s.asJsonObject().getString("status")))
                            ? p
                            : null;
                });
                assertEquals("withdrawn", atC.getString("state"), "the requester's withdrawal stands");
            } finally {
                cToA.heal();
            }
            JsonObject atA = part(awaitPart(a, id, nodeId(a), "withdrawn"), nodeId(a));
            JsonObject superseded = atA.getJsonArray("steps").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(s -> s.getString("action").equals("accept"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("superseded", superseded.getString("status"), atA.toString());
            assertEquals(applied(get(c, id), nodeId(a)), applied(get(a, id), nodeId(a)), "the same steps in force");
            Http.Response late = actRaw(a, id, "fulfil", null, null);
            assertProblem(late, 409, "illegal-transition");
            assertTrue(late.json().getString("detail").contains("withdrawn"), late.body());
        }

        @Test
        @Order(3)
        void deadlinesAreFlaggedOnBothSidesAndALaterOneLetsTheWorkGoOn() throws Exception {
            String before = Http.get(c.uri("api/v1/cooperation/requests")).body();
            assertProblem(
                    draft(c, request("Past", Instant.now().minusSeconds(60)), nodeId(a)),
                    422,
                    "invalid-cooperation-request");
            JsonObject noBasis = Json.createObjectBuilder(request("No basis", soon(30)))
                    .remove("legalBasis")
                    .build();
            assertProblem(draft(c, noBasis, nodeId(a)), 400, "invalid-input");
            assertProblem(draft(c, request("Nobody", soon(30))), 400, "invalid-input");
            assertEquals(before, Http.get(c.uri("api/v1/cooperation/requests")).body(), "nothing stored");

            // a draft whose deadline passed is not sent
            String stale = draft(c, request("Stale draft", Instant.now().plusSeconds(2)), nodeId(a))
                    .json()
                    .getString("id");
            Thread.sleep(2_500);
            assertProblem(actRaw(c, stale, "send", null, null), 409, "deadline-passed");
            assertEquals("draft", get(c, stale).getString("status"));

            String id = draft(c, request("Tight deadline", Instant.now().plusSeconds(8)), nodeId(a))
                    .json()
                    .getString("id");
            act(c, id, "send", null, null, 200);
            awaitPart(a, id, nodeId(a), "sent");
            for (NodeProcess side : new NodeProcess[] {a, c}) {
                JsonObject flagged = poll("the overdue flag at " + side.dataDir.getFileName(), () -> {
                    JsonObject p = part(get(side, id), nodeId(a));
                    return p.getBoolean("overdue") && given(p, "overdueSince") ? p : null;
                });
                assertTrue(given(flagged, "reminderAt"), "the reminder came first: " + flagged);
            }
            assertProblem(actRaw(a, id, "accept", null, null), 409, "deadline-passed");
            assertTrue(audit(c).contains("\"cooperation.deadline.passed\""));

            Http.Response earlier = Http.postJson(
                    c.uri("api/v1/cooperation/requests/" + id + "/actions"),
                    Json.createObjectBuilder()
                            .add("action", "extend-deadline")
                            .add("deadline", "2020-01-01T00:00:00Z")
                            .build());
            assertProblem(earlier, 422, "invalid-cooperation-request");
            String later = soon(30).toString();
            Http.Response extended = Http.postJson(
                    c.uri("api/v1/cooperation/requests/" + id + "/actions"),
                    Json.createObjectBuilder()
                            .add("action", "extend-deadline")
                            .add("deadline", later)
                            .build());
            assertEquals(200, extended.status(), extended.body());
            JsonObject atA = poll("the later deadline at A", () -> {
                JsonObject p = part(get(a, id), nodeId(a));
                return Instant.parse(p.getString("deadline")).equals(Instant.parse(later)) ? p : null;
            });
            assertFalse(atA.getBoolean("overdue"));
            assertFalse(given(atA, "overdueSince"), "the flag is cleared: " + atA);
            act(a, id, "accept", null, null, 200);
            awaitPart(c, id, nodeId(a), "accepted");
            assertEquals(
                    404,
                    Http.get(c.uri("api/v1/cooperation/requests/" + UUID.randomUUID()))
                            .status());
        }

        private boolean given(JsonObject o, String name) {
            return o.containsKey(name) && !o.isNull(name);
        }

        private Instant soon(int days) {
            return Instant.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }

        private JsonObject request(String subject, Instant deadline) {
            return Json.createObjectBuilder()
                    .add("subject", subject)
                    .add(
                            "scope",
                            Json.createObjectBuilder()
                                    .add(
                                            "crimes",
                                            Json.createArrayBuilder()
                                                    .add("torture")
                                                    .add("enforced disappearance"))
                                    .add("region", "Northern districts")
                                    .add("from", "2022-02-24")
                                    .add("to", "2023-12-31"))
                    .add("legalBasis", "Request under the cooperation agreement, article 4")
                    .add(
                            "needed",
                            Json.createArrayBuilder().add("witness statements").add("site photographs"))
                    .add("confidentiality", "Investigation team only; no disclosure without consent")
                    .add("contact", "Investigator on duty")
                    .add("deadline", deadline.toString())
                    .build();
        }

        private Http.Response draft(NodeProcess at, JsonObject request, String... organisations) throws Exception {
            JsonArrayBuilder orgs = Json.createArrayBuilder();
            for (String o : organisations) {
                orgs.add(o);
            }
            JsonObjectBuilder body = Json.createObjectBuilder(request);
            if (organisations.length > 0) {
                body.add(
                        "marking",
                        Json.createObjectBuilder()
                                .add("tlp", "AMBER")
                                .add("distribution", "organisations")
                                .add("organisations", orgs));
            }
            return Http.postJson(at.uri("api/v1/cooperation/requests"), body.build());
        }

        private Http.Response actRaw(NodeProcess at, String id, String action, String organisation, String note)
                throws Exception {
            if ("send".equals(action)) {
                return Http.post(at.uri("api/v1/cooperation/requests/" + id + "/send"));
            }
            JsonObjectBuilder body = Json.createObjectBuilder().add("action", action);
            if (organisation != null) {
                body.add("organisation", organisation);
            }
            if (note != null) {
                body.add("note", note);
            }
            return Http.postJson(at.uri("api/v1/cooperation/requests/" + id + "/actions"), body.build());
        }

        private JsonObject act(NodeProcess at, String id, String action, String organisation, String note, int status)
                throws Exception {
            Http.Response r = actRaw(at, id, action, organisation, note);
            assertEquals(status, r.status(), action + ": " + r.body());
            return r.json();
        }

        private JsonObject get(NodeProcess at, String id) throws Exception {
            Http.Response r = Http.get(at.uri("api/v1/cooperation/requests/" + id));
            assertEquals(200, r.status(), r.body());
            return r.json();
        }

        private JsonObject part(JsonObject request, String organisation) {
            return request.getJsonArray("parts").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(p -> p.getString("organisation").equals(organisation))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no part of " + organisation + " in " + request));
        }

        private JsonObject awaitPart(NodeProcess at, String id, String organisation, String state) throws Exception {
            return poll("part of " + organisation + " " + state + " at " + at.dataDir.getFileName(), () -> {
                Http.Response r = Http.get(at.uri("api/v1/cooperation/requests/" + id));
                if (r.status() != 200) {
                    return null;
                }
                JsonObject p = part(r.json(), organisation);
                return state.equals(p.getString("state")) ? r.json() : null;
            });
        }

        private List<String> states(JsonObject request) {
            return request.getJsonArray("parts").stream()
                    .map(p -> p.asJsonObject().getString("state"))
                    .toList();
        }

        private JsonObject lastStep(JsonObject request, String organisation) {
            JsonArray steps = part(request, organisation).getJsonArray("steps");
            return steps.getJsonObject(steps.size() - 1);
        }

        /** Each step as "seq action id status", in order. */
        private List<String> steps(JsonObject request, String organisation) {
            return part(request, organisation).getJsonArray("steps").stream()
                    .map(JsonValue::asJsonObject)
                    .map(s -> s.getInt("seq") + " " + s.getString("action") + " " + s.getString("id") + " "
                            + s.getString("status"))
                    .toList();
        }

        private List<String> applied(JsonObject request, String organisation) {
            return steps(request, organisation).stream()
                    .filter(s -> s.endsWith(" applied"))
                    .toList();
        }
    }

    /**
     * Evidence taken in by upload at A (docs/submissions.md): in resumable chunks over a link that breaks, hashed
     * at intake, encrypted at rest, and every kind of bad chunk refused without keeping anything of it.
     */
    @Nested
    @Order(2)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class EvidenceUploads {

        private static final int MIB = 1 << 20;

        /** The 256 MiB file taken in by the first test, submitted by the second. */
        private String bigUpload;

        @Test
        @Order(1)
        void a256MiBFileOverALinkCutMidUploadIsResumedNotRestartedAndKeptEncryptedWithItsHash() throws Exception {
            // an upload left idle is removed once it can no longer be resumed (20 s on these nodes)
            JsonObject idle = start("left behind.bin", 10 * MIB, null);
            assertEquals(
                    200,
                    put(a.uri("api/v1/uploads/" + idle.getString("id")), 0, block(0, MIB))
                            .status());

            long size = 256L * MIB;
            JsonObject started = start("interview-0042.mp4", size, sha256Of(size));
            String id = started.getString("id");
            assertEquals(0, started.getJsonNumber("received").longValue());
            long chunk = started.getJsonNumber("chunkLimit").longValue();
            TcpProxy link = TcpProxy.to(a.httpPort);
            Http.operatorTokenFile(link.port, a.dataDir.resolve("secrets/operator.token"));
            URI viaLink = URI.create("http://127.0.0.1:" + link.port + "/api/v1/uploads/" + id);
            long offset = 0;
            long resentAfterCut = -1;
            boolean cut = false;
            try {
                while (offset < size) {
                    long n = Math.min(chunk, size - offset);
                    boolean cutThisOne = !cut && offset >= size / 2;
                    long began = System.nanoTime();
                    try {
                        Http.Response r =
                                put(viaLink, offset, cutThisOne ? cutAfter(offset, n, link) : data(offset, n));
                        System.out.printf(
                                "upload chunk at %d: %d ms%n", offset, (System.nanoTime() - began) / 1_000_000);
                        assertEquals(200, r.status(), r.body());
                        offset = r.json().getJsonNumber("received").longValue();
                    } catch (java.io.IOException broken) {
                        assertTrue(cutThisOne, "only the cut chunk fails: " + broken);
                        cut = true;
                        link.heal();
                        long stands = Http.get(viaLink)
                                .json()
                                .getJsonNumber("received")
                                .longValue();
                        assertTrue(stands >= offset && stands < offset + n, "stands at " + stands + ", from " + offset);
                        offset = stands;
                        resentAfterCut = size - stands;
                    }
                }
            } finally {
                link.close();
            }
            assertTrue(cut, "the link was cut");
            assertTrue(
                    resentAfterCut > 0 && resentAfterCut < size / 2 + chunk,
                    "resumed, not restarted: " + resentAfterCut);
            JsonObject done = complete(id, 200);
            assertEquals("complete", done.getString("state"));
            assertEquals(sha256Of(size), done.getString("sha256"), "the SHA-256 at intake is the file's");
            assertEquals("interview-0042.mp4", done.getString("name"), "the original name is kept");

            // at rest the file is encrypted: none of its bytes and not its name appear in the data directory
            java.nio.file.Path kept = a.dataDir.resolve("evidence").resolve(id + ".evidence");
            assertTrue(java.nio.file.Files.size(kept) > size, "segments with their nonces and tags");
            byte[] head = new byte[MIB];
            try (var in = java.nio.file.Files.newInputStream(kept)) {
                in.readNBytes(head, 0, head.length);
            }
            assertFalse(
                    contains(head, java.util.Arrays.copyOfRange(block(0, MIB), 4096, 4160)), "no plaintext at rest");

            JsonObject verified = Http.post(a.uri("api/v1/uploads/" + id + "/verify"), WHOLE_FILE)
                    .json();
            assertTrue(verified.getBoolean("intact"), verified.toString());
            assertTrue(audit(a).contains("\"evidence.intake\""));
            bigUpload = id;

            // altered after intake: detected
            JsonObject small = start("photo-0007.jpg", MIB, null);
            URI smallAt = a.uri("api/v1/uploads/" + small.getString("id"));
            assertEquals(200, put(smallAt, 0, block(3, MIB)).status());
            complete(small.getString("id"), 200);
            java.nio.file.Path smallKept = a.dataDir.resolve("evidence").resolve(small.getString("id") + ".evidence");
            flipByte(smallKept, MIB / 3);
            JsonObject altered = Http.post(URI.create(smallAt + "/verify")).json();
            assertFalse(altered.getBoolean("intact"), altered.toString());
            assertTrue(altered.getString("detail").contains("altered"), altered.toString());
            // submitted all the same, it is not sent: the item is marked altered and not tried again, and C is told
            // the file will not come, so C settles the submission and its signed receipt names the file as held back
            Http.Response own = submissionDraft(null, nodeId(c));
            assertEquals(201, own.status(), own.body());
            String ownId = own.json().getString("id");
            assertEquals(
                    200, addItem(ownId, item(small.getString("id"), "W-0007")).status());
            assertEquals(
                    200,
                    Http.post(a.uri("api/v1/submissions/" + ownId + "/send")).status());
            JsonObject stopped = poll("the altered file held back", () -> {
                JsonObject j = Http.get(a.uri("api/v1/submissions/" + ownId)).json();
                return "altered".equals(j.getJsonArray("items").getJsonObject(0).getString("state")) ? j : null;
            });
            assertEquals(
                    "altered-after-intake",
                    stopped.getJsonArray("items").getJsonObject(0).getString("outcome"));
            assertTrue(audit(a).contains("\"submission.file.altered\""), "the alteration is audited");
            JsonObject atC = poll("C told the file will not come", () -> {
                Http.Response r = Http.get(c.uri("api/v1/submissions/" + ownId));
                return r.status() == 200 && "refused".equals(r.json().getString("state")) ? r.json() : null;
            });
            JsonObject heldBack = atC.getJsonArray("items").getJsonObject(0);
            assertEquals("refused", heldBack.getString("state"), atC.toString());
            assertEquals("held-back-altered-after-intake", heldBack.getString("outcome"), atC.toString());
            assertTrue(audit(c).contains("\"submission.file.held-back\""), "C audits the file held back");
            JsonObject settled = poll("C's receipt naming the file as held back", () -> {
                JsonObject j = Http.get(a.uri("api/v1/submissions/" + ownId)).json();
                return "refused".equals(j.getString("state")) ? j : null;
            });
            assertEquals(
                    "altered",
                    settled.getJsonArray("items").getJsonObject(0).getString("state"),
                    "A still shows its own copy altered");
            assertTrue(
                    settled.toString().contains("held-back-altered-after-intake"),
                    "the receipt C signed names the file as held back: " + settled);

            JsonObject gone = poll("the idle upload removed", () -> {
                JsonObject u = Http.get(a.uri("api/v1/uploads/" + idle.getString("id")))
                        .json();
                return "expired".equals(u.getString("state")) ? u : null;
            });
            assertFalse(java.nio.file.Files.exists(
                    a.dataDir.resolve("evidence").resolve(gone.getString("id") + ".evidence")));
            assertProblem(put(a.uri("api/v1/uploads/" + gone.getString("id")), MIB, block(0, 10)), 409, "upload-state");
        }

        /**
         * The lifecycle of issue 6 between real nodes: C (a mechanism) asks A, A accepts and submits the 256 MiB file
         * taken in above with its custody statement and a source's consent; the file goes to C beside the signed
         * submission as an encrypted stream, C opens it against the manifest, signs its custody record and a receipt,
         * and A verifies the receipt; both hold the same chain of custody; C closes the request.
         */
        @Test
        @Order(2)
        void aSubmissionInReplyToAnAcceptedRequestReachesTheMechanismWholeAndTheSubmitterKeepsItsSignedReceipt()
                throws Exception {
            assertTrue(bigUpload != null, "the upload test ran first");
            CooperationRequests coop = new CooperationRequests();
            Http.Response drafted = coop.draft(c, coop.request("Detention sites: footage", coop.soon(20)), nodeId(a));
            assertEquals(201, drafted.status(), drafted.body());
            String request = drafted.json().getString("id");
            coop.act(c, request, "send", null, null, 200);
            coop.awaitPart(a, request, nodeId(a), "sent");
            coop.act(a, request, "request-clarification", null, "Raw camera files or edited copies?", 200);
            coop.awaitPart(c, request, nodeId(a), "clarification-requested");
            coop.act(c, request, "answer-clarification", nodeId(a), "Raw files, with their metadata.", 200);
            coop.awaitPart(a, request, nodeId(a), "clarification-answered");

            // A and B answer together: a coalition of the two
            Http.Response founded = Http.postJson(
                    a.uri("api/v1/coalitions"),
                    Json.createObjectBuilder()
                            .add("purpose", "Footage, joint reply")
                            .build());
            assertEquals(201, founded.status(), founded.body());
            String together = founded.json().getString("id");
            assertEquals(200, changeRaw(a, together, "invite", nodeId(b)).status());
            awaitCoalition(b, together, x -> "INVITED".equals(x.getString("ownStanding")));
            assertEquals(200, changeRaw(b, together, "accept", null).status());
            awaitCoalition(a, together, x -> "MEMBER".equals(standing(x, b)));

            // not before the request is accepted, never to oneself, never without a recipient
            assertProblem(submissionDraft(request, null), 409, "illegal-transition");
            coop.act(a, request, "accept", null, null, 200);
            coop.awaitPart(c, request, nodeId(a), "accepted");
            assertProblem(submissionDraft(null, nodeId(a)), 422, "invalid-submission");
            assertProblem(submissionDraft(null, null), 422, "invalid-submission");
            assertProblem(submissionDraft(request, nodeId(b)), 422, "invalid-submission");

            Http.Response d = Http.postJson(
                    a.uri("api/v1/submissions"),
                    Json.createObjectBuilder()
                            .add("title", "Footage of the northern site")
                            .add("description", "Interview and site footage, as requested.")
                            .add("request", request)
                            .add("coalition", together)
                            .build());
            assertEquals(201, d.status(), d.body());
            String id = d.json().getString("id");
            assertEquals("draft", d.json().getString("state"));
            assertEquals("joint-draft", awaitSubmission(b, id, "draft").getString("direction"));
            assertEquals(nodeId(c), d.json().getString("recipient"), "in reply: to the requester");
            assertProblem(Http.post(a.uri("api/v1/submissions/" + id + "/send")), 422, "invalid-submission");

            // bad items change nothing: an incomplete upload, a source named by name, no custody statement
            JsonObject unfinished = start("unfinished.bin", MIB, null);
            assertProblem(addItem(id, item(unfinished.getString("id"), "W-0001")), 409, "upload-state");
            assertProblem(addItem(id, item(bigUpload, "Jane Doe")), 422, "invalid-submission");
            JsonObject noCustody = Json.createObjectBuilder(item(bigUpload, "W-0042"))
                    .remove("custody")
                    .build();
            assertProblem(addItem(id, noCustody), 400, "invalid-input");
            assertEquals(
                    0,
                    Http.get(a.uri("api/v1/submissions/" + id))
                            .json()
                            .getJsonArray("items")
                            .size());

            Http.Response added = addItem(id, item(bigUpload, "W-0042"));
            assertEquals(200, added.status(), added.body());
            JsonObject f1 = added.json().getJsonArray("items").getJsonObject(0);
            assertEquals("f1", f1.getString("file"));
            assertEquals("interview-0042.mp4", f1.getString("originalName"), "the upload's original name");
            assertEquals(sha256Of(256L * MIB), f1.getString("sha256"), "the SHA-256 at intake");
            assertEquals(
                    List.of("lead", "evidence"),
                    f1.getJsonArray("sources").getJsonObject(0).getJsonArray("consent").stream()
                            .map(v -> ((jakarta.json.JsonString) v).getString())
                            .toList());

            // B adds its own file from its node, named as its contributor
            byte[] sketch = block(21, MIB);
            Http.Response contributed = Http.postJson(
                    b.uri("api/v1/submissions/" + id + "/items"),
                    item(uploadAt(b, "sketch-map.png", sketch), "W-0007", "lead", "evidence"));
            assertEquals(200, contributed.status(), contributed.body());
            poll(
                    "B's contribution in A's draft",
                    () -> Http.get(a.uri("api/v1/submissions/" + id))
                                            .json()
                                            .getJsonArray("items")
                                            .size()
                                    == 2
                            ? true
                            : null);

            Http.Response sent = Http.post(a.uri("api/v1/submissions/" + id + "/send"));
            assertEquals(200, sent.status(), sent.body());
            assertEquals("sending", sent.json().getString("state"));
            assertProblem(Http.post(a.uri("api/v1/submissions/" + id + "/send")), 409, "submission-state");

            // C: the file arrives beside the submission, is opened against its manifest and kept
            JsonObject atC = awaitSubmission(c, id, "received");
            assertEquals("received", atC.getString("direction"));
            assertEquals(nodeId(a), atC.getString("submitter"));
            assertEquals(request, atC.getString("request"));
            JsonObject there = atC.getJsonArray("items").getJsonObject(0);
            assertEquals("verified", there.getString("state"));
            assertEquals(4, there.getInt("parts"), "256 MiB in parts of 64 MiB");
            assertEquals(4, there.getInt("partsDone"), "every part opened at C");
            JsonObject partners = atC.getJsonArray("items").getJsonObject(1);
            assertEquals("verified", partners.getString("state"));
            assertEquals(nodeId(b), partners.getString("contributor"), "B chose to be named");
            assertEquals(sha256(sketch), partners.getString("sha256"));
            assertEquals(f1.getString("sha256"), there.getString("sha256"));
            assertEquals(
                    "W-0042", there.getJsonArray("sources").getJsonObject(0).getString("ref"));
            assertEquals(3, there.getJsonArray("sources").getJsonObject(0).getInt("earlierStatements"));
            assertEquals("Field team 2", there.getJsonObject("custody").getString("collectedBy"));
            // the 256 MiB file came in four parts of 64 MiB, each opened in its turn into one file: C counted every
            // part (and B's file, one part) and keeps no ciphertext of any of them
            var parts = java.util.regex.Pattern.compile(
                            "amicus_federation_files_total\\{[^}]*outcome=\"(opened|arrived)\"[^}]*\\}\\s+([0-9.eE+]+)")
                    .matcher(Http.get(c.uri("metrics")).body());
            double partsAtC = 0;
            while (parts.find()) {
                partsAtC += Double.parseDouble(parts.group(2));
            }
            assertTrue(partsAtC >= 5, "parts taken at C: " + partsAtC);
            java.nio.file.Path incomingAtC = c.dataDir.resolve("evidence/incoming");
            if (java.nio.file.Files.isDirectory(incomingAtC)) {
                try (var left = java.nio.file.Files.list(incomingAtC)) {
                    assertEquals(List.of(), left.toList(), "no part of a file left waiting at C");
                }
            }
            JsonObject checks = Http.post(c.uri("api/v1/submissions/" + id + "/verify"), WHOLE_FILE)
                    .json();
            assertTrue(checks.getBoolean("intact"), checks.toString());
            assertTrue(checks.getJsonArray("files").getJsonObject(0).getBoolean("intact"), checks.toString());

            // A: the signed receipt, verified against C's key, names the file by its hash
            JsonObject atA = awaitSubmission(a, id, "received");
            JsonObject receipt = atA.getJsonObject("receipt");
            assertTrue(receipt.getBoolean("verified"), receipt.toString());
            assertTrue(receipt.getString("text").contains(f1.getString("sha256")));
            assertTrue(receipt.getString("text").contains("\"outcome\":\"verified\""));
            assertTrue(receipt.getString("text").contains(sha256(sketch)));
            assertEquals("shipped", atA.getJsonArray("items").getJsonObject(0).getString("state"));
            assertEquals(4, atA.getJsonArray("items").getJsonObject(0).getInt("partsDone"), "every part queued at A");

            // both hold the same chain of custody: intake and sending signed by A, receipt signed by C
            JsonObject custodyA =
                    Http.get(a.uri("api/v1/submissions/" + id + "/custody")).json();
            JsonObject custodyC =
                    Http.get(c.uri("api/v1/submissions/" + id + "/custody")).json();
            JsonArray records = custodyA.getJsonArray("files").getJsonObject(0).getJsonArray("records");
            assertEquals(
                    records, custodyC.getJsonArray("files").getJsonObject(0).getJsonArray("records"));
            assertEquals(3, records.size());
            // B's file: B took it in and handed it to A, A received and sent it, C received it
            JsonArray partnersChain =
                    custodyC.getJsonArray("files").getJsonObject(1).getJsonArray("records");
            assertEquals(
                    List.of("intake", "sent", "received", "sent", "received"),
                    partnersChain.stream()
                            .map(r -> Json.createReader(new java.io.StringReader(
                                            r.asJsonObject().getString("record")))
                                    .readObject()
                                    .getString("event"))
                            .toList());
            partnersChain.forEach(r -> assertEquals("verified", r.asJsonObject().getString("check"), r.toString()));
            List<String> events = records.stream()
                    .map(r -> Json.createReader(
                                    new java.io.StringReader(r.asJsonObject().getString("record")))
                            .readObject()
                            .getString("event"))
                    .toList();
            assertEquals(List.of("intake", "sent", "received"), events);
            records.forEach(r -> assertEquals("verified", r.asJsonObject().getString("check"), r.toString()));
            assertTrue(records.getJsonObject(0).getString("record").contains("Field team 2"), "the statement");

            // the report verifies with the organisations' public keys alone: GnuPG, no Amicus
            assertEquals(3, custodyC.getJsonObject("certificates").size(), "A's, B's and C's certificates");
            verifyWithGnupg(custodyC);
            String readable = Http.exchangeWithToken(
                            HttpRequest.newBuilder(c.uri("api/v1/submissions/" + id + "/custody"))
                                    .header("Accept", "text/plain")
                                    .GET())
                    .body();
            assertTrue(readable.contains("CHAIN OF CUSTODY REPORT"), readable);
            assertTrue(readable.contains(f1.getString("sha256")), readable);
            assertTrue(readable.contains("every record of every file verified"), readable);
            assertTrue(readable.contains("collected by Field team 2"), readable);

            // feedback from the mechanism, and discussion both ways, the same on both sides
            feedback(c, id, "received", null, null, null, 200);
            feedback(c, id, "relevance", "Corroborates two other accounts.", "high", null, 200);
            feedback(
                    c,
                    id,
                    "gaps",
                    null,
                    null,
                    Json.createArrayBuilder().add("Who held the camera file between March and May 2024"),
                    200);
            feedback(c, id, "used-as-lead", "Site visit planned.", null, null, 200);
            feedback(a, id, "message", "The camera stayed with team 2; we can document it.", null, null, 200);
            assertProblem(feedbackRaw(a, id, "relevance", null, "high", null), 422, "invalid-submission");
            assertProblem(feedbackRaw(c, id, "relevance", "no value", null, null), 422, "invalid-submission");
            assertProblem(feedbackRaw(c, id, "gaps", null, null, null), 422, "invalid-submission");
            assertProblem(feedbackRaw(c, id, "praise", null, null, null), 422, "invalid-submission");
            JsonArray atCfeedback = poll("feedback at c", () -> {
                JsonArray f = Http.get(c.uri("api/v1/submissions/" + id)).json().getJsonArray("feedback");
                return f.size() == 5 ? f : null;
            });
            JsonArray atAfeedback = poll("feedback at a", () -> {
                JsonArray f = Http.get(a.uri("api/v1/submissions/" + id)).json().getJsonArray("feedback");
                return f.size() == 5 ? f : null;
            });
            assertEquals(kinds(atCfeedback), kinds(atAfeedback));
            assertEquals(List.of("received", "relevance", "gaps", "used-as-lead", "message"), kinds(atAfeedback));
            JsonObject relevance = atAfeedback.getJsonObject(1);
            assertEquals("high", relevance.getString("relevance"));
            assertEquals("recipient", relevance.getString("party"));
            assertEquals(
                    "Who held the camera file between March and May 2024",
                    atAfeedback.getJsonObject(2).getJsonArray("gaps").getString(0));
            assertEquals("submitter", atCfeedback.getJsonObject(4).getString("party"));

            // the witness did not consent to sharing: the mechanism cannot pass the submission on
            Http.Response shared = Http.postJson(
                    c.uri("api/v1/submissions/" + id + "/share"),
                    Json.createObjectBuilder().add("recipient", nodeId(b)).build());
            assertProblem(shared, 409, "reshare-refused");
            assertTrue(shared.body().contains("W-0042 did not consent to sharing"), shared.body());

            // the request goes on to its close; no content reached either audit log
            coop.act(a, request, "fulfil", null, null, 200);
            coop.awaitPart(c, request, nodeId(a), "fulfilled");
            coop.act(c, request, "close", null, null, 200);
            coop.awaitPart(a, request, nodeId(a), "closed");
            assertProblem(submissionDraft(request, null), 409, "illegal-transition");
            for (NodeProcess n : new NodeProcess[] {a, c}) {
                String log = audit(n);
                assertTrue(log.contains("\"submission.received\"") || log.contains("\"submission.sent\""));
                assertFalse(log.contains("Footage of the northern site"), "no title in the audit log");
                assertFalse(log.contains("Field team 2"), "no custody statement in the audit log");
                assertFalse(log.contains("camera"), "no feedback text in the audit log");
            }
            assertFalse(Http.get(c.uri("api/v1/messages/received")).body().contains(id), "not an inbox message");

            // the copy kept at C, altered on disk, is reported
            JsonObject keptAtC = Http.get(c.uri("api/v1/submissions/" + id)).json();
            java.nio.file.Path dir = c.dataDir.resolve("evidence");
            java.nio.file.Path copy;
            try (var files = java.nio.file.Files.list(dir)) {
                copy = files.filter(p -> p.toString().endsWith(".evidence"))
                        .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                        .orElseThrow();
            }
            assertTrue(keptAtC.getJsonArray("items")
                    .getJsonObject(0)
                    .getString("state")
                    .equals("verified"));
            flipByte(copy, 100L * MIB);
            JsonObject after = Http.post(c.uri("api/v1/submissions/" + id + "/verify"), WHOLE_FILE)
                    .json();
            assertFalse(after.getBoolean("intact"), after.toString());
            assertTrue(after.getJsonArray("files")
                    .getJsonObject(0)
                    .getString("detail")
                    .contains("altered"));
        }

        /**
         * A joint submission: A drafts it inside a new coalition with B; B contributes a file from its own node without
         * being named to the mechanism; A adds its own and sends; C receives both, each with its custody chain, and
         * gives feedback; C passes it on to B as far as the sources consented, until a source withdraws consent.
         */
        @Test
        @Order(3)
        void aJointSubmissionCarriesEachPartnersFileAndAWithdrawnConsentStopsItBeingPassedOn() throws Exception {
            Http.Response founded = Http.postJson(
                    a.uri("api/v1/coalitions"),
                    Json.createObjectBuilder()
                            .add("purpose", "Joint submission")
                            .build());
            assertEquals(201, founded.status(), founded.body());
            String joint = founded.json().getString("id");
            assertEquals(200, changeRaw(a, joint, "invite", nodeId(b)).status());
            awaitCoalition(b, joint, x -> "INVITED".equals(x.getString("ownStanding")));
            assertEquals(200, changeRaw(b, joint, "accept", null).status());
            awaitCoalition(a, joint, x -> "MEMBER".equals(standing(x, b)));

            Http.Response d = Http.postJson(
                    a.uri("api/v1/submissions"),
                    Json.createObjectBuilder()
                            .add("title", "Joint submission: detention site 4")
                            .add("recipient", nodeId(c))
                            .add("coalition", joint)
                            .build());
            assertEquals(201, d.status(), d.body());
            String id = d.json().getString("id");
            assertEquals(joint, d.json().getString("coalition"));
            JsonObject atB = awaitSubmission(b, id, "draft");
            assertEquals("joint-draft", atB.getString("direction"));
            assertEquals(nodeId(a), atB.getString("submitter"), "A leads it");

            // B contributes from its own node, not named to the mechanism
            String fromB = uploadAt(b, "site-4-sketch.png", block(11, MIB));
            JsonObject itemB = Json.createObjectBuilder(item(fromB, "W-0100", "lead", "evidence", "sharing"))
                    .add("attributed", false)
                    .build();
            Http.Response contributed = Http.postJson(b.uri("api/v1/submissions/" + id + "/items"), itemB);
            assertEquals(200, contributed.status(), contributed.body());
            assertEquals("contribution", contributed.json().getString("direction"));
            assertEquals(id, contributed.json().getString("joint"));
            String contribution = contributed.json().getString("id");
            JsonObject draftAtA = poll("the contribution in A's draft", () -> {
                JsonObject j = Http.get(a.uri("api/v1/submissions/" + id)).json();
                return j.getJsonArray("items").size() == 1 ? j : null;
            });
            JsonObject f1 = draftAtA.getJsonArray("items").getJsonObject(0);
            assertEquals(nodeId(b), f1.getString("contributor"));
            assertFalse(f1.getBoolean("attributed"));
            assertEquals(sha256(block(11, MIB)), f1.getString("sha256"));
            JsonObject handedOver = awaitSubmission(b, contribution, "received");
            assertTrue(handedOver.getJsonObject("receipt").getBoolean("verified"), "A's receipt, kept by B");

            // A adds its own file and sends the whole
            byte[] photo = photoWithItsPosition();
            String fromA = uploadAt(a, "site-4-photo.jpg", photo, "image/jpeg");
            assertEquals(
                    200, addItem(id, item(fromA, "W-0042", "lead", "sharing")).status());
            assertEquals(
                    200, Http.post(a.uri("api/v1/submissions/" + id + "/send")).status());
            awaitSubmission(b, id, "sent");
            String late = uploadAt(b, "late.bin", block(13, MIB));
            assertProblem(
                    Http.postJson(b.uri("api/v1/submissions/" + id + "/items"), item(late, "W-0101")),
                    409,
                    "submission-state");

            JsonObject atC = awaitSubmission(c, id, "received");
            JsonArray items = atC.getJsonArray("items");
            assertEquals(2, items.size());
            assertFalse(items.getJsonObject(0).containsKey("contributor"), "B chose not to be named");
            assertEquals("verified", items.getJsonObject(1).getString("state"));

            // C's analyst opens the files: the photo exactly as A took it in, and a working copy without the
            // metadata that says where it was taken and with which phone; the operator token opens nothing
            URI apiC = c.uri("api/v1/");
            TestPeople.Person analyst = TestPeople.add(apiC, "analyst");
            String analystToken = TestPeople.signIn(apiC, analyst, TestPeople.code(analyst, 0))
                    .token();
            URI photoAtC = c.uri("api/v1/submissions/" + id + "/items/f2/content");
            Http.Download original = Http.downloadAs(analystToken, photoAtC);
            assertEquals(200, original.status());
            assertTrue(java.util.Arrays.equals(photo, original.body()), "the original, byte for byte");
            assertEquals(
                    "sha-256=:" + java.util.Base64.getEncoder().encodeToString(sha256Bytes(photo)) + ":",
                    original.headers().firstValue("Repr-Digest").orElseThrow());
            assertTrue(original.headers()
                    .firstValue("Content-Disposition")
                    .orElseThrow()
                    .contains("filename*=UTF-8''site-4-photo.jpg"));
            Http.Download working =
                    Http.downloadAs(analystToken, c.uri("api/v1/submissions/" + id + "/items/f2/content?copy=working"));
            assertEquals(200, working.status());
            String removed =
                    working.headers().firstValue("X-Amicus-Metadata-Removed").orElseThrow();
            assertTrue(removed.contains("exif-gps") && removed.contains("comment"), removed);
            String text = new String(working.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(
                    text.contains("Exif") || text.contains("GPS") || text.contains(PHOTO_PLACE), "no metadata left");
            java.awt.image.BufferedImage seen =
                    javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(working.body()));
            assertEquals(64, seen.getWidth(), "still the picture");
            assertTrue(working.headers()
                    .firstValue("Content-Disposition")
                    .orElseThrow()
                    .contains("site-4-photo%20%28working%20copy%29.jpg"));
            assertProblem(Http.get(photoAtC), 403, "content-withheld");
            Http.Download notAnImage =
                    Http.downloadAs(analystToken, c.uri("api/v1/submissions/" + id + "/items/f1/content?copy=working"));
            assertEquals(422, notAnImage.status());
            assertTrue(new String(notAnImage.body(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("working-copy-unavailable"));
            assertEquals(
                    400,
                    Http.downloadAs(analystToken, c.uri("api/v1/submissions/" + id + "/items/f2/content?copy=all"))
                            .status());
            assertTrue(audit(c).contains("\"submission.file.opened\""), "each opening is audited");
            JsonObject receiptAtA = awaitSubmission(a, id, "received").getJsonObject("receipt");
            // B, though not named to C, gets C's receipt through A: signed by C, verified by B against C's key, and
            // it says B's file arrived intact
            JsonObject finalReceipt = poll(
                    "C's receipt at B",
                    () -> Http.get(b.uri("api/v1/submissions/" + contribution))
                            .json()
                            .getJsonObject("finalReceipt"));
            assertTrue(finalReceipt.getBoolean("verified"), finalReceipt.toString());
            assertEquals(
                    receiptAtA.getString("text"), finalReceipt.getString("text"), "the receipt C signed, unchanged");
            assertEquals(receiptAtA.getString("signer"), finalReceipt.getString("signer"));
            assertEquals(nodeId(c), finalReceipt.getString("recipient"));
            assertEquals("verified", finalReceipt.getJsonObject("files").getString("f1"), finalReceipt.toString());
            JsonArray chains = Http.get(c.uri("api/v1/submissions/" + id + "/custody"))
                    .json()
                    .getJsonArray("files");
            for (JsonValue f : chains) {
                JsonArray records = f.asJsonObject().getJsonArray("records");
                assertEquals(3, records.size(), f.toString());
                records.forEach(r -> assertEquals("verified", r.asJsonObject().getString("check"), r.toString()));
                assertFalse(records.toString().contains(nodeId(b)), "nothing at C names B");
            }

            // the sources of both items consented to sharing: C passes it on to B
            Http.Response passed = Http.postJson(
                    c.uri("api/v1/submissions/" + id + "/share"),
                    Json.createObjectBuilder().add("recipient", nodeId(b)).build());
            assertEquals(200, passed.status(), passed.body());
            String onward = passed.json().getString("id");
            JsonObject atBonward = awaitSubmission(b, onward, "received");
            assertEquals(nodeId(c), atBonward.getString("submitter"));
            JsonArray onwardChain = Http.get(b.uri("api/v1/submissions/" + onward + "/custody"))
                    .json()
                    .getJsonArray("files")
                    .getJsonObject(1)
                    .getJsonArray("records");
            assertEquals(5, onwardChain.size(), "A's intake and sending, C's receipt and sending, B's receipt");

            // then W-0042 withdraws consent to sharing: recorded at A and at C, and C can no longer pass it on
            Http.Response withdrawn = Http.postJson(
                    a.uri("api/v1/submissions/" + id + "/consent-withdrawals"),
                    Json.createObjectBuilder()
                            .add("file", "f2")
                            .add("source", "W-0042")
                            .add("uses", Json.createArrayBuilder().add("sharing"))
                            .build());
            assertEquals(200, withdrawn.status(), withdrawn.body());
            assertProblem(
                    Http.postJson(
                            a.uri("api/v1/submissions/" + id + "/consent-withdrawals"),
                            Json.createObjectBuilder()
                                    .add("file", "f2")
                                    .add("source", "W-9999")
                                    .add("uses", Json.createArrayBuilder().add("sharing"))
                                    .build()),
                    422,
                    "invalid-submission");
            poll("the withdrawal recorded at c", () -> {
                JsonObject src = Http.get(c.uri("api/v1/submissions/" + id))
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(1)
                        .getJsonArray("sources")
                        .getJsonObject(0);
                return src.getJsonArray("withdrawn").size() == 1 ? src : null;
            });
            Http.Response refused = Http.postJson(
                    c.uri("api/v1/submissions/" + id + "/share"),
                    Json.createObjectBuilder().add("recipient", nodeId(b)).build());
            assertProblem(refused, 409, "reshare-refused");
            assertTrue(refused.body().contains("W-0042 withdrew consent to sharing"), refused.body());

            // B's witness withdraws too, on B's own node: the withdrawal follows the file through A to C
            Http.Response fromPartner = Http.postJson(
                    b.uri("api/v1/submissions/" + contribution + "/consent-withdrawals"),
                    Json.createObjectBuilder()
                            .add("file", "f1")
                            .add("source", "W-0100")
                            .add(
                                    "uses",
                                    Json.createArrayBuilder().add("sharing").add("re-contact"))
                            .build());
            assertEquals(200, fromPartner.status(), fromPartner.body());
            JsonObject w0100 = poll("B's withdrawal at c, through a", () -> {
                JsonObject src = Http.get(c.uri("api/v1/submissions/" + id))
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonArray("sources")
                        .getJsonObject(0);
                return src.getJsonArray("withdrawn").size() == 2 ? src : null;
            });
            assertEquals("W-0100", w0100.getString("ref"));
            Http.Response refusedAgain = Http.postJson(
                    c.uri("api/v1/submissions/" + id + "/share"),
                    Json.createObjectBuilder().add("recipient", nodeId(b)).build());
            assertTrue(refusedAgain.body().contains("W-0100 withdrew consent to sharing"), refusedAgain.body());
        }

        /** Imports the report's certificates into an empty GnuPG home and verifies every record's signature there. */
        private void verifyWithGnupg(JsonObject report) throws Exception {
            java.nio.file.Path home = java.nio.file.Files.createTempDirectory(ItEnvironment.work(), "gpg-");
            java.nio.file.Files.setPosixFilePermissions(
                    home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            try {
                verifyWithGnupg(report, home);
            } finally {
                Gpg.killAgent(home);
            }
        }

        private void verifyWithGnupg(JsonObject report, java.nio.file.Path home) throws Exception {
            int n = 0;
            for (var cert : report.getJsonObject("certificates").values()) {
                java.nio.file.Path f = home.resolve("cert-" + n++ + ".asc");
                java.nio.file.Files.writeString(f, ((jakarta.json.JsonString) cert).getString());
                assertEquals(0, gpg(home, "--import", f.toString()), "gpg imports the certificate");
            }
            int checked = 0;
            for (var file : report.getJsonArray("files")) {
                for (var r : file.asJsonObject().getJsonArray("records")) {
                    JsonObject rec = r.asJsonObject();
                    java.nio.file.Path text = home.resolve("record-" + checked + ".json");
                    java.nio.file.Path sig = home.resolve("record-" + checked + ".sig");
                    java.nio.file.Files.writeString(text, rec.getString("record"));
                    java.nio.file.Files.write(sig, java.util.Base64.getDecoder().decode(rec.getString("signature")));
                    assertEquals(0, gpg(home, "--verify", sig.toString(), text.toString()), "record " + checked);
                    // altered by one character, it no longer verifies
                    java.nio.file.Files.writeString(
                            text, rec.getString("record").replace("\"seq\":", "\"seq\": "));
                    assertTrue(gpg(home, "--verify", sig.toString(), text.toString()) != 0, "altered record");
                    checked++;
                }
            }
            assertTrue(checked >= 3, "records checked: " + checked);
        }

        private int gpg(java.nio.file.Path home, String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            System.out.println("gpg " + String.join(" ", args) + " -> " + rc + (rc == 0 ? "" : ": " + out));
            return rc;
        }

        private String uploadAt(NodeProcess at, String name, byte[] file) throws Exception {
            return uploadAt(at, name, file, "application/octet-stream");
        }

        private String uploadAt(NodeProcess at, String name, byte[] file, String mediaType) throws Exception {
            Http.Response r = Http.postJson(
                    at.uri("api/v1/uploads"),
                    Json.createObjectBuilder()
                            .add("name", name)
                            .add("size", file.length)
                            .add("mediaType", mediaType)
                            .build());
            assertEquals(201, r.status(), r.body());
            String id = r.json().getString("id");
            assertEquals(200, put(at.uri("api/v1/uploads/" + id), 0, file).status());
            assertEquals(
                    200, Http.post(at.uri("api/v1/uploads/" + id + "/complete")).status());
            return id;
        }

        private Http.Response feedbackRaw(
                NodeProcess at, String id, String kind, String text, String relevance, JsonArrayBuilder gaps)
                throws Exception {
            JsonObjectBuilder b = Json.createObjectBuilder().add("kind", kind);
            if (text != null) {
                b.add("text", text);
            }
            if (relevance != null) {
                b.add("relevance", relevance);
            }
            if (gaps != null) {
                b.add("gaps", gaps);
            }
            return Http.postJson(at.uri("api/v1/submissions/" + id + "/feedback"), b.build());
        }

        private void feedback(
                NodeProcess at,
                String id,
                String kind,
                String text,
                String relevance,
                JsonArrayBuilder gaps,
                int status)
                throws Exception {
            Http.Response r = feedbackRaw(at, id, kind, text, relevance, gaps);
            assertEquals(status, r.status(), r.body());
        }

        private List<String> kinds(JsonArray feedback) {
            return feedback.stream()
                    .map(f -> f.asJsonObject().getString("kind"))
                    .toList();
        }

        private Http.Response submissionDraft(String request, String recipient) throws Exception {
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("title", "Footage of the northern site")
                    .add("description", "Interview and site footage, as requested.");
            if (request != null) {
                b.add("request", request);
            }
            if (recipient != null) {
                b.add("recipient", recipient);
            }
            return Http.postJson(a.uri("api/v1/submissions"), b.build());
        }

        private JsonObject item(String upload, String source) {
            return item(upload, source, "lead", "evidence");
        }

        private JsonObject item(String upload, String source, String... consent) {
            JsonArrayBuilder uses = Json.createArrayBuilder();
            for (String u : consent) {
                uses.add(u);
            }
            return Json.createObjectBuilder()
                    .add("upload", upload)
                    .add("title", "Interview, witness W-0042")
                    .add(
                            "custody",
                            Json.createObjectBuilder()
                                    .add("collectedBy", "Field team 2")
                                    .add("collectedAt", "2024-03-11")
                                    .add("collectedWhere", "Northern district, safe location")
                                    .add("notes", "Original camera file, copied once to the encrypted laptop"))
                    .add(
                            "sources",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("ref", source)
                                            .add("role", "witness")
                                            .add("consent", uses)
                                            .add("earlierStatements", 3)))
                    .build();
        }

        private Http.Response addItem(String submission, JsonObject item) throws Exception {
            return Http.postJson(a.uri("api/v1/submissions/" + submission + "/items"), item);
        }

        private JsonObject awaitSubmission(NodeProcess at, String id, String state) throws Exception {
            return poll("submission " + id + " " + state + " at " + at.dataDir.getFileName(), () -> {
                Http.Response r = Http.get(at.uri("api/v1/submissions/" + id));
                return r.status() == 200 && state.equals(r.json().getString("state")) ? r.json() : null;
            });
        }

        @Test
        @Order(4)
        void badChunksAreRefusedAndNothingOfThemIsKept() throws Exception {
            int size = 3 * MIB;
            byte[] file = block(7, size);
            JsonObject u = start("statement.pdf", size, null);
            URI at = a.uri("api/v1/uploads/" + u.getString("id"));
            assertProblem(put(at, MIB, slice(file, MIB, MIB)), 409, "upload-offset-mismatch"); // out of order
            assertEquals(200, put(at, 0, slice(file, 0, MIB)).status());
            Http.Response again = put(at, 0, slice(file, 0, MIB)); // repeated
            assertProblem(again, 409, "upload-offset-mismatch");
            assertTrue(again.json().getString("detail").contains("" + MIB), again.body());
            assertProblem(put(at, MIB, new byte[2 * MIB + 1]), 413, "chunk-too-large"); // past the file's end
            assertProblem(put(at, -1, new byte[1]), 400, "invalid-input");
            assertProblem(Http.post(a.uri("api/v1/uploads/" + u.getString("id") + "/complete")), 409, "upload-state");
            assertEquals(MIB, Http.get(at).json().getJsonNumber("received").longValue(), "nothing of those was kept");
            assertEquals(200, put(at, MIB, slice(file, MIB, 2 * MIB)).status());
            assertEquals(sha256(file), complete(u.getString("id"), 200).getString("sha256"));
            assertProblem(put(at, size, new byte[1]), 409, "upload-state");

            // the file that arrives is not the one announced: refused and discarded
            JsonObject wrong = start("other.pdf", MIB, sha256(block(8, MIB)));
            URI w = a.uri("api/v1/uploads/" + wrong.getString("id"));
            assertEquals(200, put(w, 0, block(9, MIB)).status());
            assertProblem(
                    Http.post(a.uri("api/v1/uploads/" + wrong.getString("id") + "/complete")),
                    422,
                    "upload-hash-mismatch");
            assertEquals("refused", Http.get(w).json().getString("state"));

            // given up: removed
            JsonObject dropped = start("draft.docx", MIB, null);
            URI d = a.uri("api/v1/uploads/" + dropped.getString("id"));
            assertEquals(200, put(d, 0, block(1, 1000)).status());
            assertEquals("abandoned", Http.delete(d).json().getString("state"));
            assertProblem(put(d, 1000, block(1, 10)), 409, "upload-state");

            assertProblem(
                    Http.postJson(
                            a.uri("api/v1/uploads"),
                            Json.createObjectBuilder()
                                    .add("name", "x")
                                    .add("size", 0)
                                    .build()),
                    422,
                    "invalid-upload");
            assertEquals(
                    404, Http.get(a.uri("api/v1/uploads/" + UUID.randomUUID())).status());
        }

        /**
         * A file's parts that reach the recipient before its envelope wait in its incoming directory and are opened
         * when the envelope comes; a part delivered again after its file settled changes nothing; a part the
         * recipient cannot store for a while is rolled back and redelivered, not lost. A's broker operator
         * holds the submission back and delivers its messages in another order, as a relay or a reconnecting link
         * might (federation.md §3.8).
         */
        @Test
        @Order(5)
        void partsThatComeBeforeTheirEnvelopeWaitForItAndAPartDeliveredAgainChangesNothing() throws Exception {
            long size = 64L * MIB + 4096; // two parts: 64 MiB and 4 KiB
            String upload = uploadPattern("site-visit-0051.mov", size);
            String out = "amicus.federation.out." + nodeId(c);
            java.nio.file.Path held = java.nio.file.Files.createTempDirectory(ItEnvironment.work(), "parts-");
            java.nio.file.Path incomingAtC = c.dataDir.resolve("evidence/incoming");
            double arrivedBefore = fileOutcome(c, "arrived");
            try (BrokerAdmin broker = brokerOf(a)) {
                broker.pause(out);
                String id;
                BrokerAdmin.Taken first;
                BrokerAdmin.Taken last;
                BrokerAdmin.Taken envelope;
                try {
                    id = sendToCAndWait(broker, upload, "W-0051", 2);
                    first = broker.takeWhole(out, "amicusFile NOT LIKE '%/%/%'", held.resolve("part-0"));
                    String name = (String) first.properties().get("amicusFile");
                    String envelopeId = name.substring(0, name.indexOf('/'));
                    last = broker.takeWhole(out, "amicusFile = '" + name + "/1'", held.resolve("part-1"));
                    envelope = broker.takeWhole(out, "amicusEnvelope = '" + envelopeId + "'", held.resolve("env"));
                    assertTrue(last != null && envelope != null, "the envelope and both parts wait on A's broker");
                } finally {
                    broker.resume(out);
                }
                // C cannot store what is delivered for a while (its incoming directory is not a directory): the
                // delivery is rolled back and redelivered with back-off, nothing is kept or lost meanwhile
                java.nio.file.Path aside = incomingAtC.resolveSibling("incoming-aside");
                java.nio.file.Files.createDirectories(incomingAtC);
                java.nio.file.Files.move(incomingAtC, aside);
                java.nio.file.Files.writeString(incomingAtC, "not a directory");
                int failedBefore = count(c.serverLog(), "AMICUS-SUBMISSION-025");
                try (BrokerAdmin atC = brokerOf(c)) {
                    broker.sendWhole(out, first, first.body(), "again-" + UUID.randomUUID());
                    poll(
                            "C fails to store the part and rolls its delivery back",
                            () -> count(c.serverLog(), "AMICUS-SUBMISSION-025") > failedBefore ? true : null);
                    assertEquals(arrivedBefore, fileOutcome(c, "arrived"), "nothing counted as arrived");
                    assertTrue(
                            atC.messageCount("amicus.federation.in") >= 1,
                            "the part waits in C's queue for redelivery");
                } finally {
                    java.nio.file.Files.delete(incomingAtC);
                    java.nio.file.Files.move(aside, incomingAtC);
                }
                broker.sendWhole(out, last, last.body(), "again-" + UUID.randomUUID());
                poll(
                        "both parts kept at C until their envelope comes",
                        () -> fileOutcome(c, "arrived") >= arrivedBefore + 2 ? true : null);
                assertEquals(2, filesIn(incomingAtC), "saved encrypted, not opened");
                assertEquals(404, Http.get(c.uri("api/v1/submissions/" + id)).status(), "C has no submission yet");

                broker.sendWhole(out, envelope, envelope.body(), "again-" + UUID.randomUUID());
                JsonObject atC = awaitSubmission(c, id, "received");
                JsonObject there = atC.getJsonArray("items").getJsonObject(0);
                assertEquals("verified", there.getString("state"), atC.toString());
                assertEquals(2, there.getInt("parts"));
                assertEquals(2, there.getInt("partsDone"), "both parts opened in turn");
                assertEquals(sha256Of(size), there.getString("sha256"));
                assertEquals(0, filesIn(incomingAtC), "nothing left in incoming");
                awaitSubmission(a, id, "received"); // A holds C's receipt

                // the same parts again, after the file settled: dropped, the kept file unchanged
                double duplicatesBefore = fileOutcome(c, "duplicate");
                broker.sendWhole(out, last, last.body(), "again-" + UUID.randomUUID());
                broker.sendWhole(out, first, first.body(), "again-" + UUID.randomUUID());
                poll("C drops both", () -> fileOutcome(c, "duplicate") >= duplicatesBefore + 2 ? true : null);
                assertEquals(0, filesIn(incomingAtC));
                JsonObject still = Http.get(c.uri("api/v1/submissions/" + id)).json();
                assertEquals(there, still.getJsonArray("items").getJsonObject(0), "the item is as it was");
                JsonObject verified = Http.post(c.uri("api/v1/submissions/" + id + "/verify"), WHOLE_FILE)
                        .json();
                assertTrue(verified.getBoolean("intact"), verified.toString());
            } finally {
                ItEnvironment.deleteTree(held);
            }
        }

        /**
         * Each part is checked on its own (its MDC and its exact size), but only the whole file's hash shows that a part
         * was replaced by another one sealed to the recipient's public key: the recipient refuses the file after its
         * last part, keeps nothing of it, and its receipt says so.
         */
        @Test
        @Order(6)
        void aPartReplacedOnTheWayIsFoundByTheWholeFilesHashAndNothingOfTheFileIsKept() throws Exception {
            long size = 64L * MIB + 4096;
            String upload = uploadPattern("site-visit-0052.mov", size);
            String out = "amicus.federation.out." + nodeId(c);
            java.nio.file.Path held = java.nio.file.Files.createTempDirectory(ItEnvironment.work(), "parts-");
            java.nio.file.Files.setPosixFilePermissions(
                    held, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            java.util.Set<String> keptAtC = evidenceFiles(c);
            try (BrokerAdmin broker = brokerOf(a)) {
                broker.pause(out);
                String id;
                BrokerAdmin.Taken last;
                try {
                    id = sendToCAndWait(broker, upload, "W-0052", 2);
                    last = broker.takeWhole(out, "amicusFile LIKE '%/%/1'", held.resolve("part-1"));
                    assertTrue(last != null, "the last part waits on A's broker");
                    // someone who has C's public certificate seals 4 KiB of their own in its place
                    java.nio.file.Path cert = java.nio.file.Files.writeString(
                            held.resolve("c.asc"),
                            Http.get(c.uri("api/v1/identity/certificate")).body());
                    java.nio.file.Path other = java.nio.file.Files.write(held.resolve("other.bin"), block(52, 4096));
                    java.nio.file.Path sealed = held.resolve("other.bin.gpg");
                    try {
                        assertEquals(
                                0,
                                gpg(
                                        held,
                                        "--compress-algo",
                                        "none",
                                        "--cipher-algo",
                                        "AES256",
                                        "--recipient-file",
                                        cert.toString(),
                                        "--output",
                                        sealed.toString(),
                                        "--encrypt",
                                        other.toString()),
                                "gpg seals the replacement to C");
                    } finally {
                        new ProcessBuilder("gpgconf", "--homedir", held.toString(), "--kill", "all")
                                .start()
                                .waitFor();
                    }
                    broker.sendWhole(out, last, sealed, "replaced-" + UUID.randomUUID());
                } finally {
                    broker.resume(out);
                }
                JsonObject atC = awaitSubmission(c, id, "refused");
                JsonObject there = atC.getJsonArray("items").getJsonObject(0);
                assertEquals("refused", there.getString("state"), atC.toString());
                assertEquals("header-mismatch", there.getString("outcome"), atC.toString());
                assertEquals(keptAtC, evidenceFiles(c), "nothing of the file is kept at C");
                assertEquals(0, filesIn(c.dataDir.resolve("evidence/incoming")));
                assertTrue(audit(c).contains("\"submission.file.refused\""), "C audits the refusal");
                JsonObject atA = awaitSubmission(a, id, "refused");
                assertTrue(
                        atA.getJsonObject("receipt").toString().contains("header-mismatch"),
                        "C's signed receipt names the file as refused: " + atA);
            } finally {
                Gpg.killAgent(held); // gpg used it as its home
                ItEnvironment.deleteTree(held);
            }
        }

        /**
         * Only the submitter can tell the recipient that a file will not come (federation.md §3.8): a notice that a
         * file is held back, signed by another organisation (B, a peer of C, with its own key, as a compromised or
         * faulty node could send it), or signed by the submitter for a file the submission does not hold, is refused
         * and changes nothing; the file still comes and the submission settles as ever.
         */
        @Test
        @Order(7)
        void aHeldBackNoticeFromAnotherOrganisationOrForAnotherFileIsRefusedAndTheFileStillComes() throws Exception {
            String upload = uploadAt(a, "statement-0053.pdf", block(53, MIB));
            String out = "amicus.federation.out." + nodeId(c);
            java.nio.file.Path held = java.nio.file.Files.createTempDirectory(ItEnvironment.work(), "parts-");
            try (BrokerAdmin atA = brokerOf(a);
                    BrokerAdmin atB = brokerOf(b)) {
                atA.pause(out);
                String id;
                BrokerAdmin.Taken file;
                try {
                    id = sendToCAndWait(atA, upload, "W-0053", 1);
                    file = atA.takeWhole(out, "amicusFile IS NOT NULL", held.resolve("file"));
                } finally {
                    atA.resume(out);
                }
                JsonObject arriving = awaitSubmission(c, id, "arriving");
                JsonObject item = arriving.getJsonArray("items").getJsonObject(0);
                assertEquals("pending", item.getString("state"));

                UUID fromB = UUID.randomUUID();
                atB.send( // on B's own link to C
                        out,
                        heldBackNotice(b, fromB, id, item.getString("file"), item.getString("sha256")),
                        fromB.toString());
                UUID otherFile = UUID.randomUUID();
                atA.send(out, heldBackNotice(a, otherFile, id, "f9", item.getString("sha256")), otherFile.toString());
                for (UUID notice : List.of(fromB, otherFile)) {
                    poll("C refuses notice " + notice, () -> {
                        Http.Response refused = Http.get(c.uri("api/v1/federation/refused"));
                        return refused.body().contains(notice.toString()) ? refused : null;
                    });
                }
                String refused = Http.get(c.uri("api/v1/federation/refused")).body();
                assertTrue(refused.contains("submission-held-back-invalid"), refused);
                JsonObject still = Http.get(c.uri("api/v1/submissions/" + id)).json();
                assertEquals("arriving", still.getString("state"), "nothing settled by either notice");
                assertEquals(
                        "pending", still.getJsonArray("items").getJsonObject(0).getString("state"));

                atA.sendWhole(out, file, file.body(), "again-" + UUID.randomUUID());
                JsonObject atC = awaitSubmission(c, id, "received");
                assertEquals(
                        "verified", atC.getJsonArray("items").getJsonObject(0).getString("state"));
                awaitSubmission(a, id, "received");
            } finally {
                ItEnvironment.deleteTree(held);
            }
        }

        /**
         * An envelope {@code signer}'s organisation key signs, sealed to C: a notice that {@code file} of submission
         * {@code submission} will not come, as {@code SubmissionTransfers.markAltered} writes it.
         */
        private byte[] heldBackNotice(NodeProcess signer, UUID envelope, String submission, String file, String sha256)
                throws Exception {
            char[] passphrase = NodeProcess.PASSPHRASE.toCharArray();
            var key = new org.amicus.messaging.envelope.OrganisationKeyFile(
                            signer.dataDir.resolve("keys/organisation.key"))
                    .load(passphrase);
            var toC = org.amicus.messaging.envelope.OrganisationCertificate.parse(
                    Http.get(c.uri("api/v1/identity/certificate")).body());
            Instant now = Instant.now();
            var header = new org.amicus.messaging.envelope.EnvelopeHeader(
                    envelope,
                    key.fingerprint(),
                    nodeId(signer),
                    List.of(toC.fingerprint()),
                    List.of(nodeId(c)),
                    now,
                    now.plus(Duration.ofDays(1)),
                    org.amicus.messaging.envelope.Priority.NORMAL);
            String forC = org.amicus.core.routing.control.MarkingJson.toText(
                    org.amicus.core.routing.control.MarkingJson.parse(Json.createObjectBuilder()
                            .add("tlp", "AMBER")
                            .add("distribution", "organisations")
                            .add("organisations", Json.createArrayBuilder().add(nodeId(c)))
                            .build()));
            var notice = new org.amicus.messaging.envelope.InnerDocument(
                    org.amicus.core.submission.control.SubmissionMessages.HELD_BACK_TYPE,
                    "A file held back",
                    org.amicus.core.submission.control.SubmissionMessages.write(
                            new org.amicus.core.submission.control.SubmissionMessages.HeldBack(
                                    org.amicus.core.submission.entity.SubmissionId.parse(submission),
                                    file,
                                    sha256,
                                    "altered-after-intake",
                                    now)),
                    List.of(),
                    List.of(),
                    forC);
            return org.amicus.messaging.envelope.Envelopes.seal(header, notice, key.unlock(passphrase), List.of(toC));
        }

        /**
         * No network between A and C: A's operator exports what waits for C into bundles (here one entry each, every
         * export starting after the last entry of the one before), C's operator imports them in the opposite order
         * (the parts of the file before the envelope naming it), and the submission arrives whole and verified. When the
         * network returns it delivers the same envelope and parts again: C keeps nothing twice.
         */
        @Test
        @Order(8)
        void aSubmissionAndItsFileTravelInBundlesWhenThereIsNoNetworkAndTheNetworkCopyChangesNothing()
                throws Exception {
            long size = 64L * MIB + 4096; // two parts
            String upload = uploadPattern("checkpoint-0061.mov", size);
            String out = "amicus.federation.out." + nodeId(c);
            java.nio.file.Path incomingAtC = c.dataDir.resolve("evidence/incoming");
            String bundleType = "application/vnd.amicus.bundle";
            List<byte[]> bundles = new java.util.ArrayList<>();
            List<String> lasts = new java.util.ArrayList<>();
            int parts = 0;
            try (BrokerAdmin broker = brokerOf(a)) {
                broker.pause(out); // no network from A to C until C has imported the bundles
                try {
                    String id = sendToCAndWait(broker, upload, "W-0061", 2);
                    String after = null;
                    boolean more = true;
                    while (more) {
                        assertTrue(bundles.size() < 50, "the exports end: " + lasts);
                        Http.Download export = Http.download(a.uri("api/v1/federation/peers/" + nodeId(c)
                                + "/bundle?limit=1" + (after == null ? "" : "&after=" + after)));
                        assertEquals(
                                200,
                                export.status(),
                                new String(export.body(), java.nio.charset.StandardCharsets.UTF_8));
                        bundles.add(export.body());
                        after = export.headers()
                                .firstValue("Amicus-Bundle-Last")
                                .orElseThrow();
                        lasts.add(after);
                        parts += (int) export.headers()
                                .firstValueAsLong("Amicus-Bundle-Parts")
                                .orElseThrow();
                        more = export.headers()
                                .firstValue("Amicus-Bundle-More")
                                .orElseThrow()
                                .equals("true");
                    }
                    Http.Response lost = Http.get(a.uri(
                            "api/v1/federation/peers/" + nodeId(c) + "/bundle?after=" + UUID.randomUUID() + "/f1/1"));
                    assertEquals(409, lost.status(), lost.body());
                    assertTrue(lost.json().getString("type").endsWith("bundle-start-not-waiting"), lost.body());
                    assertEquals(
                            400,
                            Http.get(a.uri("api/v1/federation/peers/" + nodeId(c) + "/bundle?after=" + UUID.randomUUID()
                                            + "/f1/0"))
                                    .status(),
                            "part 0 is named without a number");
                    java.nio.file.Path staging = a.dataDir.resolve("federation/outgoing");
                    poll("A removes what it staged for the bundles", () -> filesUnder(staging) == 0 ? true : null);
                    String first = lasts.stream()
                            .filter(l -> l.endsWith("/f1"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no first part among " + lasts));
                    String envelope = first.substring(0, first.indexOf('/'));
                    assertTrue(lasts.contains(envelope), "the envelope was exported: " + lasts);
                    assertTrue(lasts.contains(envelope + "/f1/1"), "and the last part: " + lasts);
                    assertEquals(2, parts, "two parts in all: " + lasts);
                    byte[] plaintext = new byte[64];
                    for (int i = 0; i < plaintext.length; i++) {
                        plaintext[i] = at(MIB + i);
                    }
                    for (byte[] bundle : bundles) {
                        assertEquals(
                                -1,
                                indexOf(bundle, plaintext),
                                "a bundle holds the file sealed to C, never its bytes in the clear");
                    }

                    // imported last bundle first: the parts wait for their envelope, sealed, in C's incoming directory
                    int kept = 0;
                    for (int i = bundles.size() - 1; i >= 0; i--) {
                        if (lasts.get(i).equals(envelope)) {
                            continue;
                        }
                        Http.Response imported =
                                Http.post(c.uri("api/v1/federation/bundles"), bundleType, bundles.get(i));
                        assertEquals(200, imported.status(), imported.body());
                        kept += imported.json().getJsonObject("files").getInt("kept");
                    }
                    assertEquals(2, kept, "both parts taken");
                    assertEquals(2, filesIn(incomingAtC), "kept sealed until their envelope comes");
                    assertEquals(
                            404, Http.get(c.uri("api/v1/submissions/" + id)).status(), "C has no submission yet");

                    Http.Response withEnvelope = Http.post(
                            c.uri("api/v1/federation/bundles"), bundleType, bundles.get(lasts.indexOf(envelope)));
                    assertEquals(200, withEnvelope.status(), withEnvelope.body());
                    assertEquals(1, withEnvelope.json().getInt("accepted"), withEnvelope.body());
                    JsonObject atC = awaitSubmission(c, id, "received");
                    JsonObject there = atC.getJsonArray("items").getJsonObject(0);
                    assertEquals("verified", there.getString("state"), atC.toString());
                    assertEquals(2, there.getInt("partsDone"), "both parts opened in turn");
                    assertEquals(sha256Of(size), there.getString("sha256"));
                    assertEquals(0, filesIn(incomingAtC), "nothing left in incoming");
                    JsonObject verified = Http.post(c.uri("api/v1/submissions/" + id + "/verify"), WHOLE_FILE)
                            .json();
                    assertTrue(verified.getBoolean("intact"), verified.toString());
                    Http.Response again = Http.post(
                            c.uri("api/v1/federation/bundles"),
                            bundleType,
                            bundles.get(lasts.indexOf(envelope + "/f1/1")));
                    assertEquals(409, again.status(), "a bundle is imported once: " + again.body());

                    // the network returns: the envelope and both parts come again, and change nothing
                    double duplicatesBefore = fileOutcome(c, "duplicate");
                    broker.resume(out);
                    poll(
                            "C drops both parts delivered again",
                            () -> fileOutcome(c, "duplicate") >= duplicatesBefore + 2 ? true : null);
                    poll(
                            "A's queue for C drains",
                            () -> broker.count(out, "amicusFile IS NOT NULL") == 0 ? true : null);
                    awaitSubmission(a, id, "received"); // A holds C's receipt
                    JsonObject still =
                            Http.get(c.uri("api/v1/submissions/" + id)).json();
                    assertEquals(there, still.getJsonArray("items").getJsonObject(0), "the item is as it was");
                    assertEquals(0, filesIn(incomingAtC));
                } finally {
                    broker.resume(out);
                }
            }
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /** An upload of {@code size} bytes of the pattern {@link #at} gives, in chunks as large as the node takes. */
        private String uploadPattern(String name, long size) throws Exception {
            JsonObject started = start(name, size, sha256Of(size));
            String id = started.getString("id");
            long chunk = started.getJsonNumber("chunkLimit").longValue();
            URI at = a.uri("api/v1/uploads/" + id);
            for (long offset = 0; offset < size; ) {
                Http.Response r = put(at, offset, data(offset, Math.min(chunk, size - offset)));
                assertEquals(200, r.status(), r.body());
                offset = r.json().getJsonNumber("received").longValue();
            }
            complete(id, 200);
            return id;
        }

        /** A's submission of one file to C on A's own initiative, sent; its id. */
        private String sendToC(String upload, String source) throws Exception {
            Http.Response drafted = submissionDraft(null, nodeId(c));
            assertEquals(201, drafted.status(), drafted.body());
            String id = drafted.json().getString("id");
            assertEquals(200, addItem(id, item(upload, source)).status());
            Http.Response sent = Http.post(a.uri("api/v1/submissions/" + id + "/send"));
            assertEquals(200, sent.status(), sent.body());
            return id;
        }

        /** {@link #sendToC}, then waits until A's broker holds all {@code parts} parts of the file for C. */
        private String sendToCAndWait(BrokerAdmin atA, String upload, String source, int parts) throws Exception {
            String id = sendToC(upload, source);
            String out = "amicus.federation.out." + nodeId(c);
            poll(parts + " parts queued at A", () -> atA.count(out, "amicusFile IS NOT NULL") == parts ? parts : null);
            return id;
        }

        private BrokerAdmin brokerOf(NodeProcess n) throws Exception {
            return new BrokerAdmin(n.brokerPort, n.dataDir.resolve("secrets/broker.properties"));
        }

        /** Regular files anywhere below {@code dir}. */
        private long filesUnder(java.nio.file.Path dir) throws Exception {
            if (!java.nio.file.Files.isDirectory(dir)) {
                return 0;
            }
            try (var all = java.nio.file.Files.walk(dir)) {
                return all.filter(java.nio.file.Files::isRegularFile).count();
            }
        }

        private long filesIn(java.nio.file.Path dir) throws Exception {
            if (!java.nio.file.Files.isDirectory(dir)) {
                return 0;
            }
            try (var list = java.nio.file.Files.list(dir)) {
                return list.filter(java.nio.file.Files::isRegularFile).count();
            }
        }

        private java.util.Set<String> evidenceFiles(NodeProcess at) throws Exception {
            try (var list = java.nio.file.Files.list(at.dataDir.resolve("evidence"))) {
                return list.filter(java.nio.file.Files::isRegularFile)
                        .map(f -> f.getFileName().toString())
                        .collect(java.util.stream.Collectors.toSet());
            }
        }

        private JsonObject start(String name, long size, String sha256) throws Exception {
            JsonObjectBuilder b = Json.createObjectBuilder().add("name", name).add("size", size);
            if (sha256 != null) {
                b.add("sha256", sha256);
            }
            Http.Response r = Http.postJson(a.uri("api/v1/uploads"), b.build());
            assertEquals(201, r.status(), r.body());
            return r.json();
        }

        private JsonObject complete(String id, int status) throws Exception {
            Http.Response r = Http.post(a.uri("api/v1/uploads/" + id + "/complete"));
            assertEquals(status, r.status(), r.body());
            return r.json();
        }

        private Http.Response put(URI upload, long offset, byte[] body) throws Exception {
            return put(upload, offset, HttpRequest.BodyPublishers.ofByteArray(body));
        }

        private Http.Response put(URI upload, long offset, HttpRequest.BodyPublisher body) throws Exception {
            return Http.exchangeWithToken(HttpRequest.newBuilder(URI.create(upload + "?offset=" + offset))
                    .header("Content-Type", "application/octet-stream")
                    .timeout(Duration.ofMinutes(2))
                    .PUT(body));
        }

        /** The file's bytes from {@code offset}: a random 1 MiB block repeated, each copy shifted by its number. */
        private HttpRequest.BodyPublisher data(long offset, long n) {
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> stream(offset, n, null, 0)), n);
        }

        /** The same, but the link is cut once half of it has been sent. */
        private HttpRequest.BodyPublisher cutAfter(long offset, long n, TcpProxy link) {
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> stream(offset, n, link, n / 2)), n);
        }

        private java.io.InputStream stream(long offset, long n, TcpProxy link, long cutAt) {
            return new java.io.InputStream() {
                long sent;

                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (sent == n) {
                        return -1;
                    }
                    if (link != null && sent >= cutAt) {
                        link.cut();
                    }
                    int k = (int) Math.min(len, n - sent);
                    for (int i = 0; i < k; i++) {
                        b[off + i] = at(offset + sent + i);
                    }
                    sent += k;
                    return k;
                }
            };
        }

        private final byte[] base = block(42, MIB);

        private byte at(long position) {
            return (byte) (base[(int) (position % MIB)] ^ (position / MIB));
        }

        private String sha256Of(long size) throws Exception {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[MIB];
            for (long p = 0; p < size; p += MIB) {
                int n = (int) Math.min(MIB, size - p);
                for (int i = 0; i < n; i++) {
                    buffer[i] = at(p + i);
                }
                d.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        }

        private static final String PHOTO_PLACE = "36.1911 N 44.0092 E";

        /** A phone's photo: a real JPEG with EXIF naming the phone and a GPS directory, and a comment with the place. */
        private byte[] photoWithItsPosition() throws Exception {
            java.awt.image.BufferedImage img =
                    new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8);
                }
            }
            java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "jpeg", jpeg);
            byte[] plain = jpeg.toByteArray();
            java.nio.ByteBuffer exif = java.nio.ByteBuffer.allocate(64);
            exif.put("Exif\0\0MM".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                    .putShort((short) 42)
                    .putInt(8)
                    .putShort((short) 2);
            exif.putShort((short) 0x010F).putShort((short) 2).putInt(8).putInt(38); // Make
            exif.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(46); // GPS directory
            exif.putInt(0).put("Pixel 7\0GPS".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] comment = ("taken at " + PHOTO_PLACE).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
            o.write(plain, 0, 2);
            o.write(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, (byte) (exif.position() + 2)});
            o.write(exif.array(), 0, exif.position());
            o.write(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, (byte) (comment.length + 2)});
            o.write(comment);
            o.write(plain, 2, plain.length - 2);
            return o.toByteArray();
        }

        private static byte[] sha256Bytes(byte[] b) throws Exception {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        }

        private byte[] block(long seed, int n) {
            byte[] b = new byte[n];
            new java.util.Random(seed).nextBytes(b);
            return b;
        }

        private byte[] slice(byte[] b, int from, int n) {
            return java.util.Arrays.copyOfRange(b, from, from + n);
        }

        private String sha256(byte[] b) throws Exception {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(b));
        }

        private boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /**
     * Bulletins (docs/bulletins.md): C, the mechanism, publishes to A and B. Two editors at C: one writes, the other
     * reviews; a bulletin in Arabic with an attachment arrives intact, read counts per organisation reach C, public
     * bulletins are in the feeds; a bulletin A schedules waits for its time (it goes out after A's restart in
     * SecurityAlerts); an organisation that opts out of a series gets none of its bulletins; A's recurring series
     * publishes its issue when A's test clock passes its time.
     */
    @Nested
    @Order(3)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class Bulletins {

        private static final String ARABIC_TITLE = "نشرة الآلية: مواعيد تقديم الوثائق لشهر كانون الأول";
        private static final String ARABIC_BODY = "السطر الأول من النشرة\nالسطر الثاني\n\nفقرة جديدة: «اقتباس» و١٢٣";

        private String writer;
        private String reviewer;
        private String writerAtA;
        private String reviewerAtA;

        @org.junit.jupiter.api.BeforeAll
        void twoEditorsAtTheMechanismAndTwoAtA() throws Exception {
            String[] tokens = new String[4];
            int i = 0;
            for (NodeProcess n : new NodeProcess[] {c, c, a, a}) {
                URI api = n.uri("api/v1/");
                TestPeople.Person p = TestPeople.add(api, "bulletin-editor");
                tokens[i++] = TestPeople.signIn(api, p, TestPeople.code(p, 0)).token();
            }
            writer = tokens[0];
            reviewer = tokens[1];
            writerAtA = tokens[2];
            reviewerAtA = tokens[3];
        }

        @Test
        @Order(1)
        void anArabicBulletinIsReviewedPublishedReadAndCountedAndPublicOnesAreInTheFeeds() throws Exception {
            byte[] pdf = "%PDF-1.4 a small form".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            JsonObject bulletin = Json.createObjectBuilder()
                    .add(
                            "translations",
                            Json.createArrayBuilder()
                                    .add(version("ar", ARABIC_TITLE, ARABIC_BODY))
                                    .add(version(
                                            "en", "Mechanism bulletin: December deadlines", "The text in English.")))
                    .add(
                            "attachments",
                            Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder()
                                            .add("name", "form.pdf")
                                            .add("mediaType", "application/pdf")
                                            .add(
                                                    "content",
                                                    java.util.Base64.getEncoder()
                                                            .encodeToString(pdf))))
                    .add(
                            "marking",
                            Json.createObjectBuilder().add("tlp", "clear").add("distribution", "federation"))
                    .build();
            // bad input first: nothing stored
            int before = Http.get(c.uri("api/v1/bulletins")).jsonArray().size();
            assertProblem(
                    as(
                            writer,
                            "POST",
                            "api/v1/bulletins",
                            Json.createObjectBuilder()
                                    .add(
                                            "translations",
                                            Json.createArrayBuilder().add(version("qq", "x", "y")))
                                    .add(
                                            "marking",
                                            Json.createObjectBuilder()
                                                    .add("tlp", "clear")
                                                    .add("distribution", "federation"))
                                    .build()),
                    422,
                    "invalid-bulletin");
            assertProblem(
                    as(
                            writer,
                            "POST",
                            "api/v1/bulletins",
                            Json.createObjectBuilder()
                                    .add(
                                            "translations",
                                            Json.createArrayBuilder().add(version("en", "x", "y")))
                                    .build()),
                    422,
                    "invalid-bulletin");
            assertProblem(
                    as(
                            writer,
                            "POST",
                            "api/v1/bulletins",
                            Json.createObjectBuilder(bulletin)
                                    .add(
                                            "publishAt",
                                            Instant.now().minusSeconds(60).toString())
                                    .build()),
                    422,
                    "invalid-bulletin");
            assertEquals(before, Http.get(c.uri("api/v1/bulletins")).jsonArray().size(), "nothing was stored");

            Http.Response drafted = as(writer, "POST", "api/v1/bulletins", bulletin);
            assertEquals(201, drafted.status(), drafted.body());
            String id = drafted.json().getString("id");
            assertEquals("draft", drafted.json().getString("state"));
            assertEquals(
                    "rtl",
                    drafted.json().getJsonArray("translations").getJsonObject(0).getString("direction"));
            assertProblem(as(writer, "POST", "api/v1/bulletins/" + id + "/approve", null), 409, "bulletin-state");
            assertEquals(
                    200,
                    as(writer, "POST", "api/v1/bulletins/" + id + "/submit", null)
                            .status());
            assertProblem(as(writer, "POST", "api/v1/bulletins/" + id + "/approve", null), 409, "bulletin-state");
            assertProblem(Http.post(c.uri("api/v1/bulletins/" + id + "/approve")), 409, "bulletin-state");
            Http.Response approved = as(reviewer, "POST", "api/v1/bulletins/" + id + "/approve", null);
            assertEquals(200, approved.status(), approved.body());
            assertEquals("published", approved.json().getString("state"));
            assertEquals(2, approved.json().getJsonObject("reads").getInt("total"), "A and B");
            // each organisation got an envelope of its own that names only it: no recipient, relay or broker learns
            // the rest of the audience from the envelope (C's audit log has each envelope's id)
            List<String> envelopes = audit(c).lines()
                    .filter(l ->
                            l.contains("\"action\":\"message.sent\"") && l.contains("sealed each to its recipient"))
                    .map(l -> Json.createReader(new java.io.StringReader(l))
                            .readObject()
                            .getString("subject"))
                    .toList();
            assertEquals(2, envelopes.size(), "one envelope for A, one for B: " + envelopes);
            java.util.Set<String> to = new java.util.HashSet<>();
            for (String envelope : envelopes) {
                JsonArray recipients = Http.get(c.uri("api/v1/messages/sent/" + envelope))
                        .json()
                        .getJsonArray("recipients");
                assertEquals(1, recipients.size(), recipients.toString());
                to.add(recipients.getJsonObject(0).getString("node"));
            }
            assertEquals(java.util.Set.of(nodeId(a), nodeId(b)), to);

            JsonObject atA = poll("bulletin at A", () -> {
                Http.Response r = Http.get(a.uri("api/v1/bulletins/" + id));
                return r.status() == 200 ? r.json() : null;
            });
            JsonObject arabic = atA.getJsonArray("translations").getJsonObject(0);
            assertEquals("ar", arabic.getString("language"));
            assertEquals(ARABIC_TITLE, arabic.getString("title"), "Arabic arrives intact");
            assertEquals(ARABIC_BODY, arabic.getString("body"));
            assertEquals("rtl", arabic.getString("direction"));
            Http.Download file = Http.download(a.uri("api/v1/bulletins/" + id + "/attachments/1"));
            assertEquals(200, file.status());
            assertTrue(java.util.Arrays.equals(pdf, file.body()), "the attachment arrives whole");
            // A opened it: C sees that A's organisation read it, B's not yet
            JsonObject counted = poll("A's read at C", () -> {
                JsonObject j = as(writer, "GET", "api/v1/bulletins/" + id, null).json();
                return j.getJsonObject("reads").getInt("read") == 1 ? j : null;
            });
            for (JsonValue v : counted.getJsonArray("recipients")) {
                JsonObject r = v.asJsonObject();
                assertEquals(r.getString("organisation").equals(nodeId(a)), r.getBoolean("read"), r.toString());
            }

            // public (TLP:CLEAR): in the Atom feed and the digest, open without signing in
            Http.Response feed = Http.anonymous(
                    HttpRequest.newBuilder(c.uri("api/v1/bulletins/feed")).GET());
            assertEquals(200, feed.status(), feed.body());
            assertTrue(feed.contentType().startsWith("application/atom+xml"), feed.contentType());
            assertTrue(feed.body().contains(ARABIC_TITLE), feed.body());
            assertTrue(feed.body().contains("dir=\"rtl\""), feed.body());
            Http.Response digest = Http.anonymous(
                    HttpRequest.newBuilder(a.uri("api/v1/bulletins/digest")).GET());
            assertEquals(200, digest.status());
            assertTrue(digest.body().contains(ARABIC_TITLE), "A's digest has what it received: " + digest.body());
            assertEquals(
                    401,
                    Http.anonymous(HttpRequest.newBuilder(a.uri("api/v1/bulletins"))
                                    .GET())
                            .status());
        }

        @Test
        @Order(2)
        void aScheduledBulletinWaitsForItsTime() throws Exception {
            // an hour from A's now; A restarts before then (SecurityAlerts, while its clock moves two hours), and the
            // bulletin must go out after the restart: checked there, where the restart happens
            Instant at = nowAtA().plus(Duration.ofHours(1));
            Http.Response drafted = as(
                    a,
                    writerAtA,
                    "POST",
                    "api/v1/bulletins",
                    Json.createObjectBuilder()
                            .add(
                                    "translations",
                                    Json.createArrayBuilder()
                                            .add(version("uk", "Розклад засідань", "Засідання перенесено на четвер.")))
                            .add(
                                    "marking",
                                    Json.createObjectBuilder()
                                            .add("tlp", "amber")
                                            .add("distribution", "organisations")
                                            .add(
                                                    "organisations",
                                                    Json.createArrayBuilder().add(nodeId(b))))
                            .add("publishAt", at.toString())
                            .build());
            assertEquals(201, drafted.status(), drafted.body());
            String id = drafted.json().getString("id");
            assertEquals(
                    200,
                    as(a, writerAtA, "POST", "api/v1/bulletins/" + id + "/submit", null)
                            .status());
            Http.Response approved = as(a, reviewerAtA, "POST", "api/v1/bulletins/" + id + "/approve", null);
            assertEquals("scheduled", approved.json().getString("state"), approved.body());
            Thread.sleep(2_000); // two runs of the publishing job
            assertEquals(
                    "scheduled",
                    as(a, writerAtA, "GET", "api/v1/bulletins/" + id, null)
                            .json()
                            .getString("state"));
            assertEquals(404, Http.get(b.uri("api/v1/bulletins/" + id)).status(), "not before its time");
            scheduledAtA = id;
            scheduledFor = at;
        }

        @Test
        @Order(3)
        void anOrganisationThatOptsOutOfASeriesReceivesNoneOfItsBulletins() throws Exception {
            Http.Response created = as(
                    writer,
                    "POST",
                    "api/v1/bulletins/series",
                    Json.createObjectBuilder()
                            .add("name", "Monthly update to civil society")
                            .add(
                                    "marking",
                                    Json.createObjectBuilder()
                                            .add("tlp", "green")
                                            .add("distribution", "federation"))
                            .build());
            assertEquals(201, created.status(), created.body());
            String series = created.json().getString("id");
            assertProblem(
                    as(writer, "POST", "api/v1/bulletins/series/" + series + "/approve", null), 409, "bulletin-state");
            assertEquals(
                    200,
                    as(reviewer, "POST", "api/v1/bulletins/series/" + series + "/approve", null)
                            .status());
            for (NodeProcess n : new NodeProcess[] {a, b}) {
                poll("the series announced at " + n.dataDir.getFileName(), () -> {
                    Http.Response r = Http.get(n.uri("api/v1/bulletins/series/" + series));
                    return r.status() == 200 && r.json().getBoolean("subscribed") ? r.json() : null;
                });
            }
            Http.Response out = Http.send(
                    "PUT", b.uri("api/v1/bulletins/series/" + series + "/subscription"), "{\"subscribed\": false}");
            assertEquals(200, out.status(), out.body());
            poll(
                    "B's choice at C",
                    () -> as(writer, "GET", "api/v1/bulletins/series/" + series, null)
                                            .json()
                                            .getInt("optedOut")
                                    == 1
                            ? true
                            : null);
            Http.Response drafted = as(
                    writer,
                    "POST",
                    "api/v1/bulletins",
                    Json.createObjectBuilder()
                            .add(
                                    "translations",
                                    Json.createArrayBuilder().add(version("en", "December update", "News.")))
                            .add("series", series)
                            .build());
            assertEquals(201, drafted.status(), drafted.body());
            String id = drafted.json().getString("id");
            as(writer, "POST", "api/v1/bulletins/" + id + "/submit", null);
            Http.Response published = as(reviewer, "POST", "api/v1/bulletins/" + id + "/approve", null);
            assertEquals(1, published.json().getJsonObject("reads").getInt("total"), "A only: " + published.body());
            JsonObject atA = poll("the series bulletin at A", () -> {
                Http.Response r = Http.get(a.uri("api/v1/bulletins/" + id));
                return r.status() == 200 ? r.json() : null;
            });
            assertEquals("Monthly update to civil society", atA.getString("seriesName"));
            assertEquals(404, Http.get(b.uri("api/v1/bulletins/" + id)).status(), "B opted out");
        }

        @Test
        @Order(4)
        void aRecurringSeriesPublishesEachIssueAtItsTimeAssembledInEachLanguage() throws Exception {
            // A's next issue a minute and a half from A's now; A's test clock then moves past it
            Instant due = nowAtA().plusSeconds(90);
            java.time.ZonedDateTime at = due.atZone(java.time.ZoneOffset.UTC);
            Http.Response created = as(
                    a,
                    writerAtA,
                    "POST",
                    "api/v1/bulletins/series",
                    Json.createObjectBuilder()
                            .add("name", "Monthly update from A")
                            .add(
                                    "marking",
                                    Json.createObjectBuilder()
                                            .add("tlp", "amber")
                                            .add("distribution", "organisations")
                                            .add(
                                                    "organisations",
                                                    Json.createArrayBuilder().add(nodeId(b))))
                            .add(
                                    "recurrence",
                                    Json.createObjectBuilder()
                                            .add("frequency", "monthly")
                                            .add("day", at.getDayOfMonth())
                                            .add("at", String.format("%02d:%02d", at.getHour(), at.getMinute()))
                                            .add("zone", "UTC"))
                            .add(
                                    "template",
                                    Json.createArrayBuilder()
                                            .add(version("en", "Update {{period}}", "Issue {{issue}} of {{date}}."))
                                            .add(version("ar", "تحديث {{month}} {{year}}", "العدد {{issue}}")))
                            .build());
            assertEquals(201, created.status(), created.body());
            String series = created.json().getString("id");
            Http.Response approved = as(a, reviewerAtA, "POST", "api/v1/bulletins/series/" + series + "/approve", null);
            assertEquals(200, approved.status(), approved.body());
            assertTrue(approved.json().containsKey("nextIssueAt"), approved.body());
            assertEquals(0, approved.json().getInt("issues"));
            advanceClockOfA(Duration.ofMinutes(3));
            JsonObject issued = poll("issue 1 at A", () -> {
                JsonObject j = as(a, writerAtA, "GET", "api/v1/bulletins/series/" + series, null)
                        .json();
                return j.getInt("issues") == 1 ? j : null;
            });
            assertTrue(
                    Instant.parse(issued.getString("nextIssueAt")).isAfter(due.plus(Duration.ofDays(27))),
                    "next month");
            JsonObject atB = poll("issue 1 at B", () -> {
                for (JsonValue v : Http.get(b.uri("api/v1/bulletins")).jsonArray()) {
                    JsonObject j = v.asJsonObject();
                    if (series.equals(j.getString("series", ""))) {
                        return j;
                    }
                }
                return null;
            });
            assertEquals(1, atB.getInt("issue"));
            JsonArray versions = atB.getJsonArray("translations");
            String month = at.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
            assertEquals(
                    "Update " + month + " " + at.getYear(),
                    versions.getJsonObject(0).getString("title"));
            assertTrue(versions.getJsonObject(1).getString("title").contains(Integer.toString(at.getYear())));
            assertFalse(versions.getJsonObject(1).getString("title").contains("{{"), versions.toString());
            assertEquals("rtl", versions.getJsonObject(1).getString("direction"));
        }

        private Http.Response as(String token, String method, String path, JsonObject body) throws Exception {
            return as(c, token, method, path, body);
        }

        private Http.Response as(NodeProcess n, String token, String method, String path, JsonObject body)
                throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(n.uri(path));
            if (body == null) {
                r.method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(""));
            } else {
                r.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            return Http.as(token, r);
        }

        private JsonObject version(String language, String title, String body) {
            return Json.createObjectBuilder()
                    .add("language", language)
                    .add("title", title)
                    .add("body", body)
                    .build();
        }
    }

    /**
     * Security alerts (docs/alerts.md): A's security officer warns B and C; acknowledgements reach A as they are
     * given; an organisation that does not acknowledge in time is escalated by A's timer, also when A restarts in
     * between (A runs on a test clock; the same restart publishes the bulletin A scheduled in Bulletins); updates and the withdrawal reach both; an expired alert is not delivered; an
     * alert overtakes a backlog of routine traffic. Runs last: it moves A's clock two hours ahead.
     */
    @Nested
    @Order(4)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SecurityAlerts {

        private static final String ARABIC_TITLE = "تحذير: حملة تصيّد تستهدف المدافعين عن حقوق الإنسان";

        /** The alert the second test issued, updated and withdrew. */
        private String withdrawnAlert;

        @Test
        @Order(1)
        void badAlertsAreRefusedClearlyAndNothingIsSent() throws Exception {
            int before = Http.get(a.uri("api/v1/alerts")).jsonArray().size();
            JsonObject toB = toOrganisations(b);
            assertInvalid(
                    Json.createObjectBuilder()
                            .add("category", "digital")
                            .add("title", "no severity")
                            .add("action", "none")
                            .add(
                                    "validUntil",
                                    Instant.now().plus(Duration.ofDays(1)).toString())
                            .add("marking", toB),
                    "severity");
            assertInvalid(Json.createObjectBuilder().add("template", "phishing-campaign"), "audience");
            assertInvalid(
                    Json.createObjectBuilder()
                            .add("template", "phishing-campaign")
                            .add("marking", Json.createObjectBuilder().add("distribution", "own-organisation")),
                    "audience");
            assertInvalid(
                    Json.createObjectBuilder()
                            .add("template", "physical-threat")
                            .add(
                                    "escalateAt",
                                    Instant.now().minus(Duration.ofMinutes(5)).toString())
                            .add("marking", toB),
                    "in the past");
            assertInvalid(
                    Json.createObjectBuilder()
                            .add("template", "physical-threat")
                            .add("escalateAfter", "-PT1H")
                            .add("marking", toB),
                    "in the past");
            assertInvalid(
                    Json.createObjectBuilder()
                            .add("template", "legal-action")
                            .add(
                                    "validUntil",
                                    Instant.now().minus(Duration.ofHours(1)).toString())
                            .add("marking", toB),
                    "in the past");
            assertInvalid(
                    Json.createObjectBuilder()
                            .add("template", "phishing-campaign")
                            .add(
                                    "indicators",
                                    Json.createArrayBuilder()
                                            .add(Json.createObjectBuilder()
                                                    .add("type", "hostname")
                                                    .add("value", "x.example")))
                            .add("marking", toB),
                    "indicator type");
            assertInvalid(
                    Json.createObjectBuilder().add("template", "earthquake").add("marking", toB), "template");
            assertEquals(before, Http.get(a.uri("api/v1/alerts")).jsonArray().size(), "nothing was issued");
            assertProblem(Http.get(a.uri("api/v1/alerts/" + UUID.randomUUID())), 404, "alert-not-found");
            assertProblem(
                    Http.post(a.uri("api/v1/alerts/" + UUID.randomUUID() + "/acknowledge")), 404, "alert-not-found");
            assertEquals(400, Http.get(a.uri("api/v1/alerts/not-an-id")).status());
        }

        @Test
        @Order(2)
        void acknowledgementsAreTrackedEscalationSurvivesARestartAndUpdatesAndTheWithdrawalReachEveryone()
                throws Exception {
            JsonArray templates = Http.get(a.uri("api/v1/alerts/templates")).jsonArray();
            assertEquals(4, templates.size(), templates.toString());
            Http.Response issued = Http.postJson(
                    a.uri("api/v1/alerts"),
                    Json.createObjectBuilder()
                            .add("template", "phishing-campaign")
                            .add("severity", "critical")
                            .add("title", ARABIC_TITLE)
                            .add("region", "غازي عنتاب")
                            .add(
                                    "indicators",
                                    Json.createArrayBuilder()
                                            .add(indicator("domain", "amicus-login.example"))
                                            .add(indicator("email-sender", "support@amicus-login.example")))
                            .add("escalateAfter", "PT1H")
                            .add("marking", toOrganisations(b, c))
                            .build());
            assertEquals(201, issued.status(), issued.body());
            String id = issued.json().getString("id");
            withdrawnAlert = id;
            assertEquals("critical", issued.json().getString("severity"));
            assertEquals(2, issued.json().getJsonObject("acknowledgements").getInt("total"));

            for (NodeProcess n : new NodeProcess[] {b, c}) {
                JsonObject got = awaitAlert(n, id, j -> j.getBoolean("awaitingAcknowledgement"));
                assertEquals(ARABIC_TITLE, got.getString("title"), "the Arabic title arrives intact");
                assertEquals("غازي عنتاب", got.getString("region"));
                assertEquals("critical", got.getString("severity"));
                assertEquals("digital", got.getString("category"));
                assertEquals("phishing-campaign", got.getString("template"));
                assertEquals(2, got.getJsonArray("indicators").size());
                assertEquals(nodeId(a), got.getString("issuer"));
                assertEquals("received", got.getString("direction"));
                assertFalse(got.getBoolean("escalated"));
                assertFalse(got.containsKey("recipients"), "a recipient does not see who else got it");
            }
            // B acknowledges: A's dashboard shows it, C still waiting
            Http.Response ack = Http.post(b.uri("api/v1/alerts/" + id + "/acknowledge"));
            assertEquals(200, ack.status(), ack.body());
            assertFalse(ack.json().getBoolean("awaitingAcknowledgement"));
            JsonObject dashboard = awaitAlert(a, id, j -> recipient(j, b).getBoolean("acknowledged"));
            assertFalse(recipient(dashboard, c).getBoolean("acknowledged"));
            assertEquals(1, dashboard.getJsonObject("acknowledgements").getInt("acknowledged"));
            // B cannot change A's alert
            assertProblem(
                    Http.send("PUT", b.uri("api/v1/alerts/" + id), template("phishing-campaign")), 409, "alert-state");

            // an update reaches both; B's acknowledgement was of the first revision
            Http.Response updated = Http.send(
                    "PUT",
                    a.uri("api/v1/alerts/" + id),
                    Json.createObjectBuilder()
                            .add("template", "phishing-campaign")
                            .add("severity", "critical")
                            .add("title", ARABIC_TITLE)
                            .add("action", "Block the domain at your mail gateway as well.")
                            .add("escalateAfter", "PT1H")
                            .build()
                            .toString());
            assertEquals(200, updated.status(), updated.body());
            assertEquals(2, updated.json().getInt("revision"));
            for (NodeProcess n : new NodeProcess[] {b, c}) {
                JsonObject got = awaitAlert(n, id, j -> j.getInt("revision") == 2);
                assertEquals("Block the domain at your mail gateway as well.", got.getString("action"));
                assertTrue(got.getBoolean("awaitingAcknowledgement"), "the new revision awaits acknowledgement");
            }
            assertFalse(recipient(Http.get(a.uri("api/v1/alerts/" + id)).json(), b)
                    .getBoolean("acknowledgedCurrentRevision"));

            // two hours pass while A is down: its escalation timer catches up after the restart, and only C, which
            // never acknowledged, is escalated
            assertEquals(0, Http.get(c.uri("api/v1/alerts/" + id)).json().getInt("escalations"));
            assertEquals(0, a.stop());
            a.close();
            advanceClockOfA(Duration.ofHours(2));
            a = NodeProcess.start(
                            a.dataDir,
                            a.httpPort,
                            a.brokerPort,
                            true,
                            optionsOfA(),
                            "--federation-port",
                            Integer.toString(a.federationPort))
                    .awaitReady();
            // the bulletin A had scheduled for an hour after its now went out after the restart, at its time
            if (scheduledAtA != null) {
                JsonObject bulletin = poll("A's scheduled bulletin at B", () -> {
                    Http.Response r = Http.get(b.uri("api/v1/bulletins/" + scheduledAtA));
                    return r.status() == 200 ? r.json() : null;
                });
                assertFalse(
                        Instant.parse(bulletin.getString("publishedAt")).isBefore(scheduledFor), "not before its time");
                assertEquals(
                        "Розклад засідань",
                        bulletin.getJsonArray("translations").getJsonObject(0).getString("title"));
                assertEquals(
                        404, Http.get(c.uri("api/v1/bulletins/" + scheduledAtA)).status(), "C was not its audience");
            }
            JsonObject atC = awaitAlert(c, id, j -> j.getBoolean("escalated"));
            assertTrue(atC.getInt("escalations") >= 1);
            dashboard = awaitAlert(a, id, j -> recipient(j, c).getBoolean("flagged"));
            assertTrue(recipient(dashboard, c).getInt("escalations") >= 1);
            assertEquals(0, recipient(dashboard, b).getInt("escalations"), "B acknowledged: never escalated");
            assertTrue(dashboard.getJsonObject("acknowledgements").getInt("flagged") >= 1);
            assertFalse(Http.get(b.uri("api/v1/alerts/" + id)).json().getBoolean("escalated"));

            // C acknowledges: nothing is flagged any more
            assertEquals(
                    200,
                    Http.post(c.uri("api/v1/alerts/" + id + "/acknowledge")).status());
            dashboard =
                    awaitAlert(a, id, j -> j.getJsonObject("acknowledgements").getInt("acknowledged") == 2);
            assertEquals(0, dashboard.getJsonObject("acknowledgements").getInt("flagged"));

            // the withdrawal reaches both, with its reason; a withdrawn alert takes no acknowledgement
            Http.Response withdrawn = Http.postJson(
                    a.uri("api/v1/alerts/" + id + "/withdraw"),
                    Json.createObjectBuilder()
                            .add("reason", "the domain was taken down")
                            .build());
            assertEquals(200, withdrawn.status(), withdrawn.body());
            for (NodeProcess n : new NodeProcess[] {b, c}) {
                JsonObject got = awaitAlert(n, id, j -> "withdrawn".equals(j.getString("status")));
                assertEquals("the domain was taken down", got.getString("withdrawalReason"));
                assertFalse(got.getBoolean("awaitingAcknowledgement"));
            }
            assertProblem(Http.post(b.uri("api/v1/alerts/" + id + "/acknowledge")), 409, "alert-state");
            assertProblem(
                    Http.postJson(
                            a.uri("api/v1/alerts/" + id + "/withdraw"),
                            Json.createObjectBuilder().add("reason", "again").build()),
                    409,
                    "alert-state");
            String log = audit(a);
            assertFalse(log.contains("amicus-login.example"), "the audit log holds ids, never an alert's words");
        }

        @Test
        @Order(3)
        void anAlertExportedAsStixIsIssuedFromTheBundleElsewhereAndBadBundlesAreRefused() throws Exception {
            Http.Response issued = Http.postJson(
                    a.uri("api/v1/alerts"),
                    Json.createObjectBuilder()
                            .add("template", "device-compromise")
                            .add("title", "Phones seized at the border crossing")
                            .add(
                                    "indicators",
                                    Json.createArrayBuilder()
                                            .add(indicator("file-sha256", "ab".repeat(32)))
                                            .add(indicator("ipv4", "198.51.100.7")))
                            .add(
                                    "marking",
                                    Json.createObjectBuilder(toOrganisations(c)).add("tlp", "green"))
                            .build());
            assertEquals(201, issued.status(), issued.body());
            String id = issued.json().getString("id");
            awaitAlert(c, id, j -> true);
            // C's security officer exports what it received, as its MISP would take it, and warns B with it
            Http.Response stix = Http.get(c.uri("api/v1/alerts/" + id + "/stix"));
            assertEquals(200, stix.status(), stix.body());
            assertTrue(stix.contentType().startsWith("application/stix+json"), stix.contentType());
            JsonObject bundle = stix.json();
            assertEquals("bundle", bundle.getString("type"));
            Http.Response imported = Http.postJson(
                    c.uri("api/v1/alerts/stix"),
                    Json.createObjectBuilder()
                            .add("bundle", bundle)
                            .add(
                                    "marking",
                                    Json.createObjectBuilder()
                                            .add("distribution", "organisations")
                                            .add(
                                                    "organisations",
                                                    Json.createArrayBuilder().add(nodeId(b))))
                            .build());
            assertEquals(201, imported.status(), imported.body());
            JsonObject atB = awaitAlert(b, imported.json().getString("id"), j -> true);
            assertEquals("Phones seized at the border crossing", atB.getString("title"));
            assertEquals(nodeId(c), atB.getString("issuer"));
            assertEquals("critical", atB.getString("severity"));
            assertEquals("GREEN", atB.getJsonObject("marking").getString("tlp"), "the bundle's level travels");
            assertEquals(2, atB.getJsonArray("indicators").size());
            assertEquals(
                    "ab".repeat(32),
                    atB.getJsonArray("indicators").getJsonObject(0).getString("value"));

            // bad bundles: nothing issued
            int before = Http.get(c.uri("api/v1/alerts")).jsonArray().size();
            assertStixRefused(bundle, Json.createObjectBuilder().add("tlp", "clear"), "looser");
            String amber = bundle.toString()
                    .replace("bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "55d920b0-5e8b-4f79-9ee9-91f868d9b421");
            assertStixRefused(json(amber), Json.createObjectBuilder(), "TLP:AMBER");
            String unknown = bundle.toString()
                    .replace("bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "0d0092c5-5f74-4287-9642-33f4c354e56d");
            assertStixRefused(json(unknown), Json.createObjectBuilder(), "not a TLP marking");
            assertStixRefused(
                    json(bundle.toString().replace("\"spec_version\":\"2.1\"", "\"spec_version\":\"2.0\"")),
                    Json.createObjectBuilder(),
                    "STIX 2.1");
            JsonObject withdrawn =
                    Http.get(c.uri("api/v1/alerts/" + withdrawnAlert + "/stix")).json();
            assertStixRefused(withdrawn, Json.createObjectBuilder().add("ownIntelligence", true), "revoked");
            assertEquals(before, Http.get(c.uri("api/v1/alerts")).jsonArray().size(), "nothing was issued");
        }

        private void assertStixRefused(JsonObject bundle, JsonObjectBuilder marking, String says) throws Exception {
            Http.Response r = Http.postJson(
                    c.uri("api/v1/alerts/stix"),
                    Json.createObjectBuilder()
                            .add("bundle", bundle)
                            .add(
                                    "marking",
                                    marking.add("distribution", "organisations")
                                            .add(
                                                    "organisations",
                                                    Json.createArrayBuilder().add(nodeId(b))))
                            .build());
            assertProblem(r, 422, "invalid-stix");
            assertTrue(r.json().getString("detail").contains(says), r.body());
        }

        private JsonObject json(String text) {
            return Json.createReader(new java.io.StringReader(text)).readObject();
        }

        @Test
        @Order(4)
        void anAlertWhoseValidityEndsBeforeItCanBeDeliveredIsNeverShown() throws Exception {
            cToA.cut();
            Http.Response issued = Http.postJson(
                    c.uri("api/v1/alerts"),
                    Json.createObjectBuilder()
                            .add("severity", "warning")
                            .add("category", "legal")
                            .add("title", "a hearing moved")
                            .add("action", "check the new date")
                            .add(
                                    "validUntil",
                                    Instant.now().plus(Duration.ofSeconds(3)).toString())
                            .add("marking", toOrganisations(a))
                            .build());
            assertEquals(201, issued.status(), issued.body());
            String id = issued.json().getString("id");
            Thread.sleep(4_000);
            assertEquals(
                    "expired", Http.get(c.uri("api/v1/alerts/" + id)).json().getString("status"));
            cToA.heal();
            String after = send(c, marking("amber", "organisations", null, nodeId(a)), "sent after the expired alert");
            awaitReceived(a, after);
            assertEquals(404, Http.get(a.uri("api/v1/alerts/" + id)).status(), "an expired alert is not delivered");
        }

        @Test
        @Order(5)
        void anAlertOvertakesABacklogOfTenThousandRoutineEnvelopes() throws Exception {
            int backlog = 10_000;
            cToA.cut();
            // the backlog is queued only once C knows its link to A is down (else it would flow as it is queued)
            poll("C's link to A down", () -> {
                JsonObject p =
                        Http.get(c.uri("api/v1/federation/peers/" + nodeId(a))).json();
                return "connected".equals(p.getJsonObject("link").getString("state")) ? null : p;
            });
            double acceptedBefore = acceptedAt(a);
            for (int sent = 0; sent < backlog; sent += 500) {
                JsonArrayBuilder batch = Json.createArrayBuilder();
                for (int i = 0; i < 500; i++) {
                    batch.add(Json.createObjectBuilder()
                            .add("to", Json.createArrayBuilder().add(nodeId(a)))
                            .add("subject", "routine " + (sent + i))
                            .add("body", "routine traffic " + (sent + i))
                            .add("priority", "normal"));
                }
                Http.Response r = Http.postJson(
                        c.uri("api/v1/messages/batch"),
                        Json.createObjectBuilder().add("messages", batch).build());
                assertEquals(201, r.status(), r.body());
            }
            Http.Response issued = Http.postJson(
                    c.uri("api/v1/alerts"),
                    Json.createObjectBuilder()
                            .add("template", "device-compromise")
                            .add("marking", toOrganisations(a))
                            .build());
            assertEquals(201, issued.status(), issued.body());
            String id = issued.json().getString("id");
            cToA.heal();
            long healed = System.nanoTime();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Http.get(a.uri("api/v1/alerts/" + id)).status() != 200) {
                assertTrue(Instant.now().isBefore(deadline), "the alert never arrived");
                Thread.sleep(50);
            }
            long ms = (System.nanoTime() - healed) / 1_000_000;
            double routineFirst = acceptedAt(a) - acceptedBefore;
            System.out.printf(
                    "alert behind %d queued envelopes: at A %d ms after the link came back, after %.0f routine ones%n",
                    backlog, ms, routineFirst);
            assertTrue(
                    routineFirst < backlog / 10.0,
                    "the alert overtook the backlog: " + routineFirst + " routine envelopes arrived before it");
        }

        private void assertInvalid(JsonObjectBuilder body, String says) throws Exception {
            Http.Response r = Http.postJson(a.uri("api/v1/alerts"), body.build());
            assertEquals(422, r.status(), r.body());
            assertEquals("application/problem+json", r.contentType());
            assertTrue(r.json().getString("detail").contains(says), r.body());
            assertTrue(
                    r.json().getString("detail").contains("nothing was sent")
                            || r.json().getString("type").endsWith("invalid-marking"),
                    r.body());
        }

        private JsonObject awaitAlert(NodeProcess at, String id, Check condition) throws Exception {
            return poll("alert " + id + " at " + at.dataDir.getFileName(), () -> {
                Http.Response r = Http.get(at.uri("api/v1/alerts/" + id));
                return r.status() == 200 && condition.test(r.json()) ? r.json() : null;
            });
        }

        private JsonObject recipient(JsonObject alert, NodeProcess of) throws Exception {
            String org = nodeId(of);
            return alert.getJsonArray("recipients").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(r -> r.getString("organisation").equals(org))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no recipient " + org + " in " + alert));
        }

        private JsonObject toOrganisations(NodeProcess... to) throws Exception {
            return Json.createObjectBuilder(organisations(to))
                    .add("tlp", "amber")
                    .add("distribution", "organisations")
                    .build();
        }

        private JsonObject indicator(String type, String value) {
            return Json.createObjectBuilder()
                    .add("type", type)
                    .add("value", value)
                    .build();
        }

        private String template(String name) {
            return Json.createObjectBuilder().add("template", name).build().toString();
        }

        private double acceptedAt(NodeProcess n) throws Exception {
            String metrics = Http.get(n.uri("metrics")).body();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                            "amicus_federation_received_total\\{[^}]*outcome=\"accepted\"[^}]*\\}\\s+([0-9.eE+]+)")
                    .matcher(metrics);
            double total = 0;
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return total;
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    private static void awaitCount(NodeProcess at, String kind, int atLeast) throws Exception {
        poll(
                atLeast + " refusals " + kind + " at " + at.dataDir.getFileName(),
                () -> count(Http.get(at.uri("api/v1/federation/refused")).body(), kind) >= atLeast ? true : null);
    }

    /** Asks {@code probe} every 250 ms until it answers something (not null), for at most 90 s. */
    private static <T> T poll(String what, java.util.concurrent.Callable<T> probe) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            T answer = probe.call();
            if (answer != null) {
                return answer;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("never as expected within 90 s: " + what);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static JsonObject organisations(NodeProcess... nodes) throws Exception {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (NodeProcess n : nodes) {
            list.add(nodeId(n));
        }
        return Json.createObjectBuilder().add("organisations", list).build();
    }

    private static JsonObject awaitConsent(NodeProcess at, String id, Check condition) throws Exception {
        return poll("consent request " + id + " at " + at.dataDir.getFileName(), () -> {
            Http.Response r = Http.get(at.uri("api/v1/consents/" + id));
            return r.status() == 200 && condition.test(r.json()) ? r.json() : null;
        });
    }

    private static JsonObject organisation(JsonArray orgs, String id) {
        return orgs.stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("id").equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no organisation " + id + " in " + orgs));
    }

    private static JsonObject coalitionMarking(String tlp) {
        return marking(tlp, "coalitions", Json.createArrayBuilder().add(coalition));
    }

    private static JsonObject marking(String tlp, String distribution, JsonArrayBuilder coalitions) {
        return marking(tlp, distribution, coalitions, null);
    }

    private static JsonObject marking(
            String tlp, String distribution, JsonArrayBuilder coalitions, String organisation) {
        JsonObjectBuilder m = Json.createObjectBuilder().add("tlp", tlp).add("distribution", distribution);
        if (coalitions != null) {
            m.add("coalitions", coalitions);
        }
        if (organisation != null) {
            m.add("organisations", Json.createArrayBuilder().add(organisation));
        }
        return m.build();
    }

    private static Http.Response sendRaw(NodeProcess from, JsonObject marking, String subject) throws Exception {
        return Http.postJson(
                from.uri("api/v1/messages"),
                Json.createObjectBuilder()
                        .add("marking", marking)
                        .add("subject", subject)
                        .add("body", "the body of " + subject)
                        .build());
    }

    private static String send(NodeProcess from, JsonObject marking, String subject) throws Exception {
        Http.Response r = sendRaw(from, marking, subject);
        assertEquals(201, r.status(), r.body());
        return r.json().getString("id");
    }

    private static List<String> recipients(NodeProcess at, String id) throws Exception {
        return Http.get(at.uri("api/v1/messages/sent/" + id)).json().getJsonArray("recipients").stream()
                .map(v -> v.asJsonObject().getString("node"))
                .toList();
    }

    private static void change(NodeProcess at, String action, String organisation, int status) throws Exception {
        Http.Response r = changeRaw(at, action, organisation);
        assertEquals(status, r.status(), r.body());
    }

    private static Http.Response changeRaw(NodeProcess at, String action, String organisation) throws Exception {
        return changeRaw(at, coalition, action, organisation);
    }

    private static Http.Response changeRaw(NodeProcess at, String id, String action, String organisation)
            throws Exception {
        JsonObjectBuilder body = Json.createObjectBuilder().add("action", action);
        if (organisation != null) {
            body.add("organisation", organisation);
        }
        return Http.postJson(at.uri("api/v1/coalitions/" + id + "/events"), body.build());
    }

    private static JsonObject coalitionAt(NodeProcess at) throws Exception {
        return coalitionAt(at, coalition);
    }

    private static JsonObject coalitionAt(NodeProcess at, String id) throws Exception {
        Http.Response r = Http.get(at.uri("api/v1/coalitions/" + id));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static String standing(JsonObject coalition, NodeProcess of) throws Exception {
        String id = nodeId(of);
        return coalition.getJsonArray("organisations").stream()
                .map(JsonValue::asJsonObject)
                .filter(o -> o.getString("id").equals(id))
                .map(o -> o.getString("standing"))
                .findFirst()
                .orElse(null);
    }

    private interface Check {
        boolean test(JsonObject coalition) throws Exception;
    }

    private static JsonObject awaitCoalition(NodeProcess at, Check condition) throws Exception {
        return awaitCoalition(at, coalition, condition);
    }

    private static JsonObject awaitCoalition(NodeProcess at, String id, Check condition) throws Exception {
        return poll("coalition " + id + " at " + at.dataDir.getFileName(), () -> {
            Http.Response r = Http.get(at.uri("api/v1/coalitions/" + id));
            return r.status() == 200 && condition.test(r.json()) ? r.json() : null;
        });
    }

    private static JsonObject awaitReceived(NodeProcess at, String id) throws Exception {
        return poll("message " + id + " at " + at.dataDir.getFileName(), () -> {
            Http.Response r = Http.get(at.uri("api/v1/messages/received/" + id));
            return r.status() == 200 ? r.json() : null;
        });
    }

    private static void awaitListed(NodeProcess at, String id) throws Exception {
        poll(
                "message " + id + " listed at " + at.dataDir.getFileName(),
                () -> Http.get(at.uri("api/v1/messages/received")).body().contains(id) ? true : null);
    }

    private static void awaitRefusal(NodeProcess at, String id, String kind) throws Exception {
        poll("refusal " + kind + " of " + id + " at " + at.dataDir.getFileName(), () -> {
            String refused = Http.get(at.uri("api/v1/federation/refused")).body();
            return refused.contains(id) && refused.contains(kind) ? true : null;
        });
    }

    private static JsonObject awaitSentState(NodeProcess at, String id, String state) throws Exception {
        return poll("message " + id + " " + state + " at " + at.dataDir.getFileName(), () -> {
            JsonObject r = Http.get(at.uri("api/v1/messages/sent/" + id))
                    .json()
                    .getJsonArray("recipients")
                    .getJsonObject(0);
            return state.equals(r.getString("state")) ? r : null;
        });
    }

    /** The node's whole audit log as its administrator exports it, everything written so far linked in. */
    private static String audit(NodeProcess at) throws Exception {
        int checkpoint = Http.post(at.uri("api/v1/audit/checkpoint")).status();
        assertTrue(checkpoint == 200 || checkpoint == 201 || checkpoint == 204, "checkpoint: " + checkpoint);
        return new String(Http.download(at.uri("api/v1/audit/export")).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertProblem(Http.Response r, int status, String type) {
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType(), r.body());
        assertTrue(r.json().getString("type").endsWith("/" + type), r.body());
    }

    /**
     * Alters one byte of a kept file, as someone with disk access would: its bits inverted, so that it differs
     * whatever it was (writing a fixed value left the file unchanged whenever the ciphertext already held it,
     * one run in 256).
     */
    static void flipByte(java.nio.file.Path file, long at) throws java.io.IOException {
        try (var f = java.nio.channels.FileChannel.open(
                file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            assertEquals(1, f.read(one, at), "the file reaches byte " + at);
            one.put(0, (byte) ~one.get(0));
            one.rewind();
            f.write(one, at);
        }
    }
}
