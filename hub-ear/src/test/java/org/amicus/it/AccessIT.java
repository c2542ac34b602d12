package org.amicus.it;

import static org.amicus.it.TestPeople.code;
import static org.amicus.it.TestPeople.login;
import static org.amicus.it.TestPeople.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.amicus.it.TestPeople.Person;
import org.amicus.it.TestPeople.Session;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * People, sign-in and the API's gate (docs/access.md), as a person with an authenticator app sees them.
 * The node runs with a re-authentication window of 8 seconds (arquillian.xml) so that an expired
 * confirmation can be seen without a long wait.
 */
@ExtendWith(ArquillianNodeSetup.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessIT {

    private static final String PASSWORD = TestPeople.PASSWORD;

    @Deployment(testable = false)
    static WebArchive node() {
        return NodeArchive.withTestClasses(AccessIT.class);
    }

    @ArquillianResource
    URL base;

    // --- the gate ---------------------------------------------------------------------------------

    @Test
    void withoutATokenTheApiAnswers401AndShowsNothing() throws Exception {
        for (String path :
                new String[] {"node", "identity", "federation/peers", "messages/received", "audit", "people"}) {
            Http.Response r = Http.anonymous(HttpRequest.newBuilder(api(path)).GET());
            assertEquals(401, r.status(), path);
            assertEquals("application/problem+json", r.contentType(), path);
            assertTrue(r.json().getString("type").endsWith("/unauthenticated"), path);
        }
        Http.Response forged = Http.as(
                "not-a-real-token", HttpRequest.newBuilder(api("identity")).GET());
        assertEquals(401, forged.status());
        assertTrue(forged.json().getString("detail").contains("sign in again"));
        Http.Response health =
                Http.anonymous(HttpRequest.newBuilder(root("health/live")).GET());
        assertEquals(200, health.status(), "health stays open for the launcher and monitoring");
    }

    /**
     * The authorisation matrix: every operation the OpenAPI document lists, called by a person of each role,
     * is refused (401/403 forbidden) exactly to the roles docs/access.md does not give it. An operation
     * missing from the table below fails the test, so a new endpoint needs a decision.
     */
    @Test
    void everyOperationAdmitsExactlyTheRolesItNames() throws Exception {
        java.util.List<String> all = java.util.List.of(
                "administrator", "coordinator", "security-officer", "analyst", "bulletin-editor", "viewer");
        java.util.Set<String> any = java.util.Set.copyOf(all);
        java.util.Set<String> senders =
                java.util.Set.of("administrator", "coordinator", "security-officer", "analyst", "bulletin-editor");
        java.util.Set<String> importers =
                java.util.Set.of("administrator", "coordinator", "security-officer", "analyst");
        java.util.Set<String> adminSec = java.util.Set.of("administrator", "security-officer");
        java.util.Set<String> admin = java.util.Set.of("administrator");
        java.util.Map<String, java.util.Set<String>> expected = new java.util.HashMap<>();
        expected.put("GET /node", any);
        expected.put("POST /node/ping", admin);
        expected.put("GET /node/pings/{id}", admin);
        expected.put("GET /identity", any);
        expected.put("GET /identity/certificate", any);
        expected.put("GET /keys", any);
        expected.put("POST /keys", adminSec);
        expected.put("GET /keys/{fingerprint}", any);
        expected.put("GET /keys/{fingerprint}/certificate", any);
        expected.put("POST /keys/{fingerprint}/verify", adminSec);
        expected.put("POST /messages/import", importers);
        expected.put("POST /messages", senders);
        expected.put("POST /messages/batch", senders);
        expected.put("GET /messages/sent/{id}", senders);
        expected.put("GET /messages/received", any);
        expected.put("GET /messages/received/{id}", any);
        java.util.Set<String> coordinators = java.util.Set.of("administrator", "coordinator");
        expected.put("GET /organisations", any);
        expected.put("POST /messages/received/{id}/forward", senders);
        expected.put("POST /messages/received/{id}/consent-requests", senders);
        expected.put("GET /consents", coordinators);
        expected.put("GET /consents/{id}", coordinators);
        expected.put("POST /consents/{id}", coordinators);
        expected.put("GET /organisations/{id}", any);
        expected.put("GET /coalitions", any);
        expected.put("GET /coalitions/{id}", any);
        expected.put("POST /coalitions", coordinators);
        expected.put("POST /coalitions/{id}/events", coordinators);
        expected.put(
                "GET /coalitions/{id}/roster", java.util.Set.of("administrator", "coordinator", "security-officer"));
        java.util.Set<String> caseworkers = java.util.Set.of("administrator", "coordinator", "analyst");
        expected.put("GET /cooperation/requests", caseworkers);
        expected.put("GET /cooperation/requests/{id}", caseworkers);
        expected.put("POST /cooperation/requests", coordinators);
        expected.put("PUT /cooperation/requests/{id}", coordinators);
        expected.put("POST /cooperation/requests/{id}/send", coordinators);
        expected.put("POST /cooperation/requests/{id}/actions", coordinators);
        for (String op : new String[] {
            "POST /uploads",
            "GET /uploads/{id}",
            "PUT /uploads/{id}",
            "POST /uploads/{id}/complete",
            "POST /uploads/{id}/verify",
            "DELETE /uploads/{id}"
        }) {
            expected.put(op, caseworkers);
        }
        for (String op : new String[] {
            "GET /submissions",
            "GET /submissions/{id}",
            "GET /submissions/{id}/custody",
            "GET /submissions/{id}/items/{file}/content",
            "POST /submissions/{id}/verify"
        }) {
            expected.put(op, caseworkers);
        }
        for (String op : new String[] {
            "POST /submissions",
            "PUT /submissions/{id}",
            "POST /submissions/{id}/items",
            "DELETE /submissions/{id}/items/{file}",
            "POST /submissions/{id}/send",
            "POST /submissions/{id}/feedback",
            "POST /submissions/{id}/consent-withdrawals",
            "POST /submissions/{id}/share"
        }) {
            expected.put(op, coordinators);
        }
        for (String op : new String[] {
            "GET /bulletins",
            "GET /bulletins/{id}",
            "GET /bulletins/{id}/attachments/{file}",
            "GET /bulletins/series",
            "GET /bulletins/series/{id}",
            "GET /bulletins/feed",
            "GET /bulletins/digest"
        }) {
            expected.put(op, any);
        }
        java.util.Set<String> editors = java.util.Set.of("bulletin-editor");
        for (String op : new String[] {
            "POST /bulletins",
            "PUT /bulletins/{id}",
            "POST /bulletins/{id}/submit",
            "POST /bulletins/{id}/approve",
            "POST /bulletins/{id}/reject",
            "POST /bulletins/series",
            "POST /bulletins/series/{id}/approve",
            "POST /bulletins/series/{id}/end"
        }) {
            expected.put(op, editors);
        }
        expected.put(
                "PUT /bulletins/series/{id}/subscription",
                java.util.Set.of("administrator", "coordinator", "bulletin-editor"));
        expected.put("GET /alerts", any);
        expected.put("GET /alerts/templates", any);
        expected.put("GET /alerts/{id}", any);
        expected.put("GET /alerts/{id}/stix", any);
        java.util.Set<String> securityOfficers = java.util.Set.of("security-officer");
        for (String op : new String[] {
            "POST /alerts",
            "POST /alerts/stix",
            "PUT /alerts/{id}",
            "POST /alerts/{id}/withdraw",
            "POST /alerts/{id}/acknowledge"
        }) {
            expected.put(op, securityOfficers);
        }
        for (String op : new String[] {
            "GET /federation/card",
            "GET /federation/peers",
            "GET /federation/peers/{node}",
            "GET /federation/bundles",
            "GET /federation/refused",
            "GET /federation/dead-letters"
        }) {
            expected.put(op, adminSec);
        }
        for (String op : new String[] {
            "POST /federation/peers",
            "POST /federation/peers/{node}/suspend",
            "POST /federation/peers/{node}/resume",
            "POST /federation/peers/{node}/relay",
            "DELETE /federation/peers/{node}/relay",
            "DELETE /federation/peers/{node}",
            "GET /federation/peers/{node}/bundle",
            "POST /federation/bundles",
            "POST /federation/dead-letters/{messageId}/retry",
            "POST /federation/dead-letters/retry",
            "GET /audit",
            "GET /audit/verify",
            "POST /audit/checkpoint",
            "GET /audit/export",
            "POST /people",
            "GET /people",
            "GET /people/{id}",
            "PATCH /people/{id}",
            "POST /people/{id}/credentials"
        }) {
            expected.put(op, admin);
        }
        expected.put("PUT /people/me/password", any);
        expected.put("GET /sessions/current", any);
        expected.put("POST /sessions/current/reauthenticate", any);
        // open to all (signing in), and signing out (tested on its own): not called here
        java.util.Set<String> skipped = java.util.Set.of("POST /sessions", "DELETE /sessions/current");

        java.util.Map<String, String> tokens = new java.util.HashMap<>();
        for (String role : all) {
            Person p = add(role);
            tokens.put(role, signIn(p, code(p, 0)).token());
        }
        Http.Response doc = Http.anonymous(HttpRequest.newBuilder(root("openapi"))
                .header("Accept", "application/json")
                .GET());
        assertEquals(200, doc.status());
        JsonObject paths = doc.json().getJsonObject("paths");
        java.util.Set<String> seen = new java.util.TreeSet<>();
        java.util.List<String> wrong = new java.util.ArrayList<>();
        for (String rawPath : paths.keySet()) {
            int v1 = rawPath.indexOf("/api/v1/");
            if (v1 < 0) {
                continue; // not this API (another application on the server)
            }
            String path = rawPath.substring(v1 + "/api/v1".length());
            for (var method : paths.getJsonObject(rawPath).entrySet()) {
                String verb = method.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                String op = verb + " " + path;
                seen.add(op);
                if (skipped.contains(op)) {
                    continue;
                }
                java.util.Set<String> allowed = expected.get(op);
                if (allowed == null) {
                    wrong.add(op + ": not in the matrix");
                    continue;
                }
                String mediaType = "application/json";
                JsonObject operation = method.getValue().asJsonObject();
                if (operation.containsKey("requestBody")) {
                    mediaType = operation
                            .getJsonObject("requestBody")
                            .getJsonObject("content")
                            .keySet()
                            .iterator()
                            .next();
                }
                URI uri = api(path.substring(1)
                        .replace("{id}", UUID.randomUUID().toString())
                        .replace("{node}", UUID.randomUUID().toString())
                        .replace("{fingerprint}", "0123456789ABCDEF0123456789ABCDEF01234567")
                        .replace("{messageId}", "ID:0")
                        .replace("{file}", "f1"));
                for (String role : all) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                            .timeout(java.time.Duration.ofSeconds(30))
                            .method(
                                    verb,
                                    verb.equals("GET") || verb.equals("DELETE")
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString("{}"));
                    if (!verb.equals("GET") && !verb.equals("DELETE")) {
                        request.header("Content-Type", mediaType);
                    }
                    Http.Response r = Http.as(tokens.get(role), request);
                    boolean refused =
                            r.status() == 401 || (r.status() == 403 && r.body().contains("/problems/forbidden"));
                    if (refused == allowed.contains(role)) {
                        wrong.add(op + " as " + role + ": " + r.status() + " " + r.body());
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        java.util.Set<String> missing = new java.util.TreeSet<>(expected.keySet());
        missing.removeAll(seen);
        assertTrue(missing.isEmpty(), "in the matrix but not in the API: " + missing);
    }

    // --- people and sign-in ------------------------------------------------------------------------

    @Test
    void theOperatorAddsAnAdministratorWhoSignsInWithPasswordAndCode() throws Exception {
        Person admin = add("administrator");
        Session s = signIn(admin, code(admin, 0));
        assertEquals(201, s.status());
        assertNotEquals(admin.password(), s.token());

        JsonObject me = Http.as(
                        s.token(),
                        HttpRequest.newBuilder(api("sessions/current")).GET())
                .json();
        assertEquals(admin.username(), me.getString("username"));
        assertEquals("person:" + admin.id(), me.getString("principal"));
        assertEquals(JsonValue.ValueType.STRING, me.get("expiresAt").getValueType());

        Http.Response people =
                Http.as(s.token(), HttpRequest.newBuilder(api("people")).GET());
        assertEquals(200, people.status());
        assertTrue(people.body().contains(admin.username()));
        assertFalse(people.body().contains("argon2"), "no credential is ever shown");

        String audit = audit();
        assertTrue(audit.contains("\"person.added\""));
        assertTrue(audit.contains("\"person:" + admin.id() + "\""), "the sign-in is audited under the person's id");
        String export = new String(Http.download(api("audit/export")).body());
        assertFalse(export.contains(PASSWORD), "no password in the audit log");
        assertFalse(export.contains(s.token()), "no token in the audit log");
    }

    @Test
    void aViewerReadsButNeitherSendsNorAdministers() throws Exception {
        Person viewer = add("viewer");
        String token = signIn(viewer, code(viewer, 0)).token();
        assertEquals(
                200,
                Http.as(token, HttpRequest.newBuilder(api("identity")).GET()).status());
        assertEquals(
                200,
                Http.as(token, HttpRequest.newBuilder(api("messages/received")).GET())
                        .status());
        for (HttpRequest.Builder forbidden : new HttpRequest.Builder[] {
            HttpRequest.newBuilder(api("audit")).GET(),
            HttpRequest.newBuilder(api("people")).GET(),
            HttpRequest.newBuilder(api("federation/peers")).GET(),
            HttpRequest.newBuilder(api("messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
        }) {
            Http.Response r = Http.as(token, forbidden);
            assertEquals(403, r.status(), forbidden.build().uri().toString());
            assertTrue(r.json().getString("detail").contains("viewer"), r.body());
        }
    }

    @Test
    void signingOutMakesTheTokenWorthlessAndEachSignInGetsAFreshOne() throws Exception {
        Person p = add("analyst");
        Session first = signIn(p, code(p, 0));
        Session second = signIn(p, code(p, 1)); // the next step's code: each code signs in once
        assertEquals(201, second.status());
        assertNotEquals(first.token(), second.token());

        assertEquals(
                204,
                Http.as(
                                first.token(),
                                HttpRequest.newBuilder(api("sessions/current")).DELETE())
                        .status());
        assertEquals(
                401,
                Http.as(first.token(), HttpRequest.newBuilder(api("identity")).GET())
                        .status());
        assertEquals(
                200,
                Http.as(second.token(), HttpRequest.newBuilder(api("identity")).GET())
                        .status());
        assertTrue(audit().contains("\"logout\""));
    }

    @Test
    void aCodeSignsInOnceOnly() throws Exception {
        Person p = add("coordinator");
        String code = code(p, 0);
        assertEquals(201, signIn(p, code).status());
        Session again = signIn(p, code);
        assertEquals(401, again.status(), "an intercepted code cannot be used again");
        assertTrue(again.body().getString("type").endsWith("/sign-in-failed"));
    }

    @Test
    void fiveFailuresLockTheAccountUntilAnAdministratorResetsIt() throws Exception {
        Person p = add("analyst");
        for (int i = 0; i < 5; i++) {
            Http.Response r = post(api("sessions"), login(p.username(), "wrong password " + i, code(p, 0)), null);
            assertEquals(401, r.status());
        }
        Session locked = signIn(p, code(p, 0));
        assertEquals(401, locked.status(), "locked: even the right password and code are refused");
        assertTrue(audit().contains("\"account.locked\""));

        Http.Response reset = post(
                api("people/" + p.id() + "/credentials"),
                Json.createObjectBuilder().add("password", PASSWORD + " again").build(),
                null);
        assertEquals(200, reset.status(), reset.body());
        Person renewed = new Person(
                p.id(), p.username(), PASSWORD + " again", reset.json().getString("totpSecret"));
        assertEquals(201, signIn(renewed, code(renewed, 0)).status(), "unlocked, with the new password and app");
    }

    @Test
    void aSensitiveChangeAfterTheConfirmationWindowNeedsThePasswordAgain() throws Exception {
        Person admin = add("administrator");
        String token = signIn(admin, code(admin, 0)).token();
        JsonObject newcomer = person("late-" + suffix(), "viewer", PASSWORD);
        Thread.sleep(9_000); // the window is 8 s in these tests (5 min by default)

        Http.Response refused = post(api("people"), newcomer, token);
        assertEquals(403, refused.status());
        assertTrue(refused.json().getString("type").endsWith("/reauthentication-required"));
        assertFalse(Http.get(api("people")).body().contains(newcomer.getString("username")), "nothing was added");

        Http.Response confirmed = post(
                api("sessions/current/reauthenticate"),
                Json.createObjectBuilder()
                        .add("password", PASSWORD)
                        .add("code", code(admin, 1))
                        .build(),
                token);
        assertEquals(204, confirmed.status(), confirmed.body());
        assertEquals(201, post(api("people"), newcomer, token).status());
    }

    @Test
    void aDisabledPersonIsSignedOutAtOnce() throws Exception {
        Person p = add("bulletin-editor");
        String token = signIn(p, code(p, 0)).token();
        Http.Response disabled = send("PATCH", api("people/" + p.id()), "{\"status\":\"disabled\"}");
        assertEquals(200, disabled.status(), disabled.body());
        assertEquals("disabled", disabled.json().getString("status"));
        assertEquals(
                401,
                Http.as(token, HttpRequest.newBuilder(api("identity")).GET()).status());
        assertEquals(401, signIn(p, code(p, 1)).status());
    }

    @Test
    void theOperatorsCommandAddsAPersonWhoThenSignsIn() throws Exception {
        String username = "cli-" + suffix();
        java.nio.file.Path pw = java.nio.file.Files.createTempFile(ItEnvironment.work(), "pw-", ".txt");
        java.nio.file.Files.writeString(pw, PASSWORD + "\n");
        NodeProcess.Command added = NodeProcess.launcher(
                "people",
                "add",
                username,
                "--name",
                "Amina K.",
                "--roles",
                "coordinator,analyst",
                "--password-file",
                pw.toString(),
                "--api",
                base.toString(),
                "--data",
                ItEnvironment.work().resolve("arquillian").toString());
        java.nio.file.Files.delete(pw);
        assertEquals(0, added.exit(), added.err());
        java.util.regex.Matcher secret =
                java.util.regex.Pattern.compile("secret: ([A-Z2-7]+)").matcher(added.out());
        assertTrue(secret.find(), added.out());
        assertTrue(added.out().contains("otpauth://totp/"), added.out());
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\\(([0-9a-f-]{36})\\)").matcher(added.out());
        assertTrue(id.find(), added.out());

        Person p = new Person(id.group(1), username, PASSWORD, secret.group(1));
        Session s = signIn(p, code(p, 0));
        assertEquals(201, s.status(), s.body().toString());
        assertEquals(
                Json.createArrayBuilder().add("coordinator").add("analyst").build(),
                s.body().getJsonArray("roles"));
    }

    // --- bad input --------------------------------------------------------------------------------

    @Test
    void badInputIsRefusedAndAddsNoOne() throws Exception {
        String name = "weak-" + suffix();
        Http.Response weak = post(api("people"), person(name, "viewer", "short"), null);
        assertEquals(422, weak.status());
        assertTrue(weak.json().getString("detail").contains("12 characters"));
        Http.Response role = post(api("people"), person(name, "root", PASSWORD), null);
        assertEquals(400, role.status());
        assertTrue(role.json().getString("detail").contains("unknown role"));
        Http.Response badName = post(api("people"), person("9 lives", "viewer", PASSWORD), null);
        assertEquals(400, badName.status());
        assertFalse(Http.get(api("people")).body().contains(name), "nothing half-added");

        Person p = add("viewer");
        Http.Response taken = post(api("people"), person(p.username(), "viewer", PASSWORD), null);
        assertEquals(409, taken.status());
        assertTrue(taken.json().getString("type").endsWith("/username-taken"));

        assertEquals(
                400,
                post(api("sessions"), Json.createObjectBuilder().build(), null).status());
        assertEquals(
                400,
                post(
                                api("sessions"),
                                Json.createObjectBuilder()
                                        .add("username", "x")
                                        .add("password", "y")
                                        .build(),
                                null)
                        .status());
        assertEquals(400, Http.get(api("people/not-a-uuid")).status());
        assertEquals(404, Http.get(api("people/" + UUID.randomUUID())).status());
        assertEquals(
                400,
                send("PATCH", api("people/" + p.id()), "{\"status\":\"asleep\"}")
                        .status());
        assertEquals(400, send("PATCH", api("people/" + p.id()), "{}").status());
        Http.Response unknown = post(api("sessions"), login("nobody-" + suffix(), PASSWORD, "123456"), null);
        assertEquals(401, unknown.status(), "an unknown username fails like a wrong password");
    }

    @Test
    void theAuditLogRefusesPagesItCannotServe() throws Exception {
        for (String query : new String[] {"after=-1", "after=x", "limit=0", "limit=1001", "limit=ten"}) {
            Http.Response r = Http.get(api("audit?" + query));
            assertEquals(400, r.status(), query);
            assertEquals("application/problem+json", r.contentType(), query);
            assertTrue(r.json().getString("type").endsWith("/invalid-input"), query);
        }
        assertEquals(200, Http.get(api("audit?after=0&limit=1000")).status());
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** The operator adds a person with one role; returns what the person is handed. */
    private Person add(String role) throws Exception {
        String username = role.replace("-", "") + "-" + suffix();
        Http.Response r = post(api("people"), person(username, role, PASSWORD), null);
        assertEquals(201, r.status(), r.body());
        JsonObject e = r.json();
        assertTrue(e.getString("totpUri").startsWith("otpauth://totp/"), e.toString());
        return new Person(e.getJsonObject("person").getString("id"), username, PASSWORD, e.getString("totpSecret"));
    }

    private Session signIn(Person p, String code) throws Exception {
        Http.Response r = post(api("sessions"), login(p.username(), p.password(), code), null);
        JsonObject body = r.json();
        return new Session(r.status(), r.status() == 201 ? body.getString("token") : null, body);
    }

    /** POSTs JSON as the person with {@code token}, or as the operator when it is null. */
    private static Http.Response post(URI uri, JsonObject body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return token == null ? Http.post(uri, "application/json", body.toString()) : Http.as(token, b);
    }

    /** As the operator. */
    private static Http.Response send(String method, URI uri, String json) throws Exception {
        return Http.send(method, uri, json);
    }

    /** The whole audit log as the administrator exports it, with everything written so far linked in. */
    private String audit() throws Exception {
        Http.post(api("audit/checkpoint"));
        return new String(Http.download(api("audit/export")).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private URI api(String path) {
        return URI.create(base.toString()).resolve("api/v1/" + path);
    }

    private URI root(String path) {
        return URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }
}
