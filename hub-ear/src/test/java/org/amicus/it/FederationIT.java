package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real nodes on 127.0.0.1, each its own launcher, broker and server (docs/protocol/federation.md).
 * A and B are peers from the start; C is a node that only some have added. With PostgreSQL, A uses the
 * suite's database and B and C their own H2 databases.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {

    private static NodeProcess a;
    private static NodeProcess b;
    private static NodeProcess c;
    private static Path dataA;
    private static Path dataB;
    private static Path dataC;
    private static TcpProxy toA;
    private static TcpProxy toB;
    private static final java.util.Map<Path, String> NODE_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    // CI sizes; the sizes with -Damicus.it.streamEnvelopes=10000 -Damicus.it.cutEnvelopes=5000
    // -Damicus.it.cutSeconds=60 (docs/performance.md, "Federation at full size")
    private static final int STREAM = Integer.getInteger("amicus.it.streamEnvelopes", 300);
    private static final int CUT_ENVELOPES = Integer.getInteger("amicus.it.cutEnvelopes", 300);
    private static final int CUT_SECONDS = Integer.getInteger("amicus.it.cutSeconds", 10);

    /** A sender waits this long for a receipt before it sends again (60 s in service): a lost envelope in seconds. */
    static final int RESEND_AFTER_SECONDS = 30;

    private static final java.util.Map<String, String> QUICK_RESEND = java.util.Map.of(
            "AMICUS_PASSPHRASE",
            NodeProcess.PASSPHRASE,
            "AMICUS_SERVER_JAVA_OPTS",
            "-Damicus.federation.resend-after-seconds=" + RESEND_AFTER_SECONDS);

    @BeforeAll
    static void threeNodes() throws Exception {
        ItEnvironment.resetDatabase();
        Path root = ItEnvironment.work().resolve("federation-" + UUID.randomUUID());
        dataA = root.resolve("a");
        dataB = root.resolve("b");
        dataC = root.resolve("c");
        // started together: the machine has two cores, the nodes mostly wait on each other's disks
        a = NodeProcess.start(dataA, ItEnvironment.freePort(), ItEnvironment.freePort(), true, QUICK_RESEND);
        b = NodeProcess.start(dataB, ItEnvironment.freePort(), ItEnvironment.freePort(), false, QUICK_RESEND);
        c = NodeProcess.start(dataC, ItEnvironment.freePort(), ItEnvironment.freePort(), false, QUICK_RESEND);
        a.awaitReady();
        b.awaitReady();
        c.awaitReady();
        for (NodeProcess n : new NodeProcess[] {a, b, c}) {
            nodeId(n);
        }
        // A and B reach each other through relays the tests can cut, as a network fails
        toB = TcpProxy.to(b.federationPort);
        toA = TcpProxy.to(a.federationPort);
        assertEquals(201, addPeer(a, b, toB.address()).status());
        assertEquals(201, addPeer(b, a, toA.address()).status());
    }

    @AfterAll
    static void stop() throws Exception {
        for (TcpProxy p : new TcpProxy[] {toA, toB}) {
            if (p != null) {
                p.close();
            }
        }
        AssertionError failed = null;
        for (NodeProcess n : new NodeProcess[] {a, b, c}) {
            try {
                if (n != null) {
                    n.close();
                }
            } catch (AssertionError e) { // stop the others all the same
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Test
    void aMessageFromAReachesBOnceSealedAndASeesItDelivered() throws Exception {
        String id = send(a, b, "first contact", "Bonjour B, this is A.");

        JsonObject read = awaitReceived(b, id);
        assertEquals("first contact", read.getString("subject"));
        assertEquals("Bonjour B, this is A.", read.getString("body"));
        assertEquals(fingerprint(a), read.getString("sender"), "the verified sender is A's organisation");
        assertEquals(nodeId(a), read.getString("viaPeer"));
        assertFalse(
                Files.readString(dataB.resolve("federation/peers.properties")).contains("Bonjour"),
                "nothing readable on the way");

        awaitSentState(a, id, "DELIVERED");
        JsonObject peerB = awaitPeer(a, b, p -> p.getInt("waiting") == 0);
        assertEquals("connected", peerB.getJsonObject("link").getString("state"), peerB.toString());
        assertTrue(peerB.containsKey("lastDelivery"), peerB.toString());
        // the same view as metrics, labelled by node id only
        awaitPeerMetric(a, "amicus_federation_peer_connected", b, v -> v == 1);
        awaitPeerMetric(a, "amicus_federation_peer_waiting", b, v -> v == 0);
        awaitPeerMetric(a, "amicus_federation_peer_last_delivery_timestamp_seconds", b, v -> v > 0);
        assertFalse(Http.get(a.uri("metrics")).body().contains(peerB.getString("organisation")), "no names");
    }

    @Test
    void aBatchOfMessagesIsQueuedInOneRequestAllOrNone() throws Exception {
        JsonObject one = message(nodeId(b), "batch 0", "the first of three");
        Http.Response sent = Http.postJson(
                a.uri("api/v1/messages/batch"),
                Json.createObjectBuilder()
                        .add(
                                "messages",
                                Json.createArrayBuilder()
                                        .add(one)
                                        .add(message(nodeId(b), "batch 1", "the second"))
                                        .add(message(nodeId(b), "batch 2", "the third")))
                        .build());
        assertEquals(201, sent.status(), sent.body());
        JsonArray ids = sent.json().getJsonArray("messages");
        assertEquals(3, ids.size(), sent.body());
        for (int i = 0; i < 3; i++) {
            String id = ids.getJsonObject(i).getString("id");
            assertEquals("batch " + i, awaitReceived(b, id).getString("subject"), "in the order given");
            awaitSentState(a, id, "DELIVERED");
        }

        // one message B cannot be reached with: none of the batch leaves A
        awaitPeer(a, b, p -> p.getInt("waiting") == 0);
        double acceptedBefore = receivedMetric(b, "accepted");
        String stranger = UUID.randomUUID().toString();
        Http.Response refused = Http.postJson(
                a.uri("api/v1/messages/batch"),
                Json.createObjectBuilder()
                        .add(
                                "messages",
                                Json.createArrayBuilder()
                                        .add(message(nodeId(b), "refused 0", "must not leave A"))
                                        .add(message(stranger, "refused 1", "to nobody A knows")))
                        .build());
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("message 1: node"), refused.body());
        assertTrue(refused.body().contains("nothing was sent"), refused.body());

        Http.Response malformed = Http.postJson(
                a.uri("api/v1/messages/batch"),
                Json.createObjectBuilder()
                        .add(
                                "messages",
                                Json.createArrayBuilder()
                                        .add(message(nodeId(b), "malformed 0", "must not leave A"))
                                        .add(Json.createObjectBuilder()
                                                .add(
                                                        "to",
                                                        Json.createArrayBuilder()
                                                                .add(nodeId(b)))
                                                .add("subject", "no body")))
                        .build());
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(malformed.body().contains("messages[1]"), malformed.body());
        assertEquals(
                400,
                Http.postJson(
                                a.uri("api/v1/messages/batch"),
                                Json.createObjectBuilder().build())
                        .status());

        String after = send(a, b, "after the refused batches", "the only one");
        awaitReceived(b, after);
        awaitPeer(a, b, p -> p.getInt("waiting") == 0);
        assertEquals(acceptedBefore + 1, receivedMetric(b, "accepted"), "only the message after them arrived");
    }

    private static JsonObject message(String to, String subject, String body) {
        return Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add(to))
                .add("subject", subject)
                .add("body", body)
                .build();
    }

    @Test
    void eachNodeKeepsAnAuditLogOfIdsNeverContentThatGpgChecksAndThatShowsTampering() throws Exception {
        String secret = "the audit log must never hold this sentence";
        String id = send(a, b, "audited", secret);
        awaitReceived(b, id); // B's operator opens it
        awaitSentState(a, id, "DELIVERED");
        for (NodeProcess n : new NodeProcess[] {a, b}) {
            int signed = Http.post(n.uri("api/v1/audit/checkpoint")).status();
            assertTrue(signed == 201 || signed == 204, "signed now, or nothing new: " + signed);
        }
        assertEquals("operator", auditEntry(a, "message.sent", id).getString("actor"));
        assertEquals("peer:" + nodeId(a), auditEntry(b, "envelope.accepted", id).getString("actor"));
        auditEntry(b, "content.displayed", id);
        for (NodeProcess n : new NodeProcess[] {a, b}) {
            JsonObject verified = Http.get(n.uri("api/v1/audit/verify")).json();
            assertTrue(verified.getBoolean("intact"), verified.toString());
            assertTrue(verified.getJsonNumber("signedUpTo").longValue() >= 1, verified.toString());
        }

        // the export: a chain anyone can recompute, and a checkpoint gpg verifies with A's certificate
        Http.Response export = Http.get(a.uri("api/v1/audit/export"));
        assertEquals(200, export.status());
        assertFalse(export.body().contains(secret) || export.body().contains("audited"), "ids, never content");
        List<String> lines = export.body().lines().toList();
        String previous = null;
        for (String line : lines) {
            JsonObject o = Json.createReader(new StringReader(line)).readObject();
            if (!o.containsKey("seq")) {
                break;
            }
            if (previous != null) {
                assertEquals(sha256(previous), o.getString("prev"), "each line names the hash of the one before");
            }
            previous = line;
        }
        String checkpoint = lines.get(lines.size() - 2);
        assertTrue(checkpoint.startsWith("{\"checkpoint\":"), checkpoint);
        String signature = Json.createReader(new StringReader(lines.get(lines.size() - 1)))
                .readObject()
                .getString("signature");
        Path dir = Files.createDirectories(ItEnvironment.work().resolve("audit-" + UUID.randomUUID()));
        Files.writeString(dir.resolve("checkpoint.json"), checkpoint);
        Files.writeString(dir.resolve("checkpoint.json.asc"), signature);
        Files.writeString(
                dir.resolve("a.asc"),
                Http.get(a.uri("api/v1/identity/certificate")).body());
        try (Gpg gpg = new Gpg(Files.createTempDirectory("amicus-gpg-"))) { // short: the agent's socket path is limited
            gpg.run("--import", dir.resolve("a.asc").toString());
            gpg.run(
                    "--verify",
                    dir.resolve("checkpoint.json.asc").toString(),
                    dir.resolve("checkpoint.json").toString());
        }
        // and the launcher's offline check, with A's certificate only: intact, and an edited copy is not
        Path exported = Files.writeString(dir.resolve("a-audit.ndjson"), export.body());
        NodeProcess.Command intact = NodeProcess.launcher(
                "audit",
                "verify",
                exported.toString(),
                "--certificate",
                dir.resolve("a.asc").toString());
        assertEquals(0, intact.exit(), intact.out() + intact.err());
        assertTrue(intact.out().contains("is intact"), intact.out());
        Path edited = Files.writeString(
                dir.resolve("a-audit-edited.ndjson"), export.body().replaceFirst("\"operator\"", "\"nobody\""));
        NodeProcess.Command broken = NodeProcess.launcher(
                "audit",
                "verify",
                edited.toString(),
                "--certificate",
                dir.resolve("a.asc").toString());
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.out().contains("NOT intact"), broken.out());

        // C's first entry edited in its database while C was stopped: found at once
        int imported = Http.post(
                        c.uri("api/v1/keys"),
                        "application/pgp-keys",
                        Http.get(a.uri("api/v1/identity/certificate")).body())
                .status();
        assertTrue(imported == 200 || imported == 201, "A's key added or already known: " + imported);
        assertEquals(201, Http.post(c.uri("api/v1/audit/checkpoint")).status());
        assertTrue(Http.get(c.uri("api/v1/audit/verify")).json().getBoolean("intact"));
        assertEquals(0, c.stop());
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + dataC.resolve("db/amicus"), "amicus", "amicus");
                java.sql.Statement edit = db.createStatement()) {
            assertEquals(1, edit.executeUpdate("UPDATE audit_entry SET detail = 'nothing happened' WHERE seq = 1"));
        }
        c = restarted(c, false);
        JsonObject tampered = Http.get(c.uri("api/v1/audit/verify")).json();
        assertFalse(tampered.getBoolean("intact"), tampered.toString());
        assertTrue(tampered.getJsonArray("problems").toString().contains("entry 1 was altered"), tampered.toString());
    }

    private static JsonObject auditEntry(NodeProcess at, String action, String subject) throws Exception {
        long after = 0;
        while (true) {
            JsonArray page =
                    Http.get(at.uri("api/v1/audit?limit=1000&after=" + after)).jsonArray();
            for (JsonValue v : page) {
                JsonObject e = v.asJsonObject();
                if (action.equals(e.getString("action")) && subject.equals(e.getString("subject", null))) {
                    return e;
                }
                after = e.getJsonNumber("seq").longValue();
            }
            if (page.isEmpty()) {
                throw new AssertionError("no " + action + " of " + subject + " in the audit log");
            }
        }
    }

    private static String sha256(String line) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void peeringIsMutualEnvelopesWaitUntilTheOtherOperatorAddsTheNodeToo() throws Exception {
        forget(a, c); // other tests may have peered them (directly or through a relay)
        forget(c, a);
        assertEquals(201, addPeer(c, a).status()); // C knows A, A does not know C yet
        String id = send(c, a, "from C", "wait for me");

        JsonObject link = awaitPeer(c, a, p -> p.getJsonObject("link").containsKey("lastError"))
                .getJsonObject("link");
        assertEquals("connecting", link.getString("state"));
        assertTrue(link.getString("lastError").contains("does not accept this node"), link.toString());
        assertEquals("QUEUED", sentState(c, id));
        assertEquals(404, Http.get(a.uri("api/v1/messages/received/" + id)).status(), "A has nothing from C");

        assertEquals(201, addPeer(a, c).status());

        assertEquals("wait for me", awaitReceived(a, id).getString("body"));
        awaitSentState(c, id, "DELIVERED");
    }

    @Test
    void aPeerDownForAWhileGetsEverythingOnceWhenItReturns() throws Exception {
        assertEquals(0, b.stop());
        b.close();
        try {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                ids.add(send(a, b, "while you were away " + i, "message " + i));
            }
            JsonObject waiting = awaitPeer(
                    a,
                    b,
                    p -> p.getInt("waiting") >= 20
                            && p.getJsonObject("link").getString("state").equals("connecting"));
            assertTrue(waiting.containsKey("oldestWaiting"), waiting.toString());

            b = restarted(b, false);

            for (String id : ids) {
                awaitSentState(a, id, "DELIVERED");
            }
            assertEachReceivedOnce(b, ids);
        } finally {
            if (!b.isAlive()) {
                b = restarted(b, false);
            }
        }
    }

    @Test
    void aSuspendedPeerGetsNothingUntilResumed() throws Exception {
        suspend(a, b);
        try {
            assertEquals(
                    409,
                    Http.post(a.uri("api/v1/federation/peers/" + nodeId(b) + "/suspend"))
                            .status());
            String id = send(a, b, "held back", "while suspended");
            Thread.sleep(3_000);
            assertEquals("QUEUED", sentState(a, id));
            assertEquals(404, Http.get(b.uri("api/v1/messages/received/" + id)).status());
            assertEquals("suspended", peer(a, b).getJsonObject("link").getString("state"));
        } finally {
            resume(a, b);
        }
        awaitPeer(a, b, p -> p.getInt("waiting") == 0);
    }

    @Test
    void anEnvelopeWhoseExpiryPassesOnTheWayIsNotDeliveredAndTheSenderSeesItExpired() throws Exception {
        suspend(a, b);
        String id;
        try {
            id = send(a, b, "short-lived", "valid for two seconds", "PT2S");
            JsonObject expired = awaitSentState(a, id, "EXPIRED");
            assertTrue(expired.getString("detail").contains("not delivered"), expired.toString());
        } finally {
            resume(a, b);
        }
        awaitPeer(a, b, p -> p.getJsonObject("link").getString("state").equals("connected"));
        Thread.sleep(3_000);
        assertEquals(404, Http.get(b.uri("api/v1/messages/received/" + id)).status(), "never delivered");
        assertEquals("EXPIRED", sentState(a, id));
    }

    @Test
    void anEnvelopeChangedOnTheWayIsRefusedAndTheSenderIsToldWhy() throws Exception {
        String outQueue = "amicus.federation.out." + nodeId(b);
        suspend(a, b);
        String id;
        try (BrokerAdmin broker = new BrokerAdmin(a.brokerPort, dataA.resolve("secrets/broker.properties"))) {
            id = send(a, b, "to be tampered with", "the broker operator flips a bit");
            byte[] wire = broker.take(outQueue, "amicusEnvelope = '" + id + "'");
            assertTrue(wire != null && wire.length > 100, "the envelope waits on A's broker");
            wire[wire.length - 30] ^= 0x01; // in the encrypted payload
            broker.send(outQueue, wire, "tampered-" + id);
        } finally {
            resume(a, b);
        }
        JsonObject rejected = awaitSentState(a, id, "REJECTED");
        assertTrue(rejected.getString("detail").startsWith("refused by the recipient node: "), rejected.toString());
        assertEquals(404, Http.get(b.uri("api/v1/messages/received/" + id)).status(), "nothing stored");
        assertTrue(
                Http.get(b.uri("api/v1/federation/refused")).body().contains(id),
                "B lists the refusal (without content)");
    }

    @Test
    void anEnvelopeLostAfterItLeftTheSenderIsSentAgainUntilItsReceiptComes() throws Exception {
        // gone from B's inbound queue, as if lost at the wrong moment (it waits in B's DLQ, unseen by A)
        String id = sendIntoBsDeadLetters("lost on the way", "A sends it again");
        Thread.sleep(3_000);
        assertEquals(404, Http.get(b.uri("api/v1/messages/received/" + id)).status(), "not stored at B");
        assertEquals("QUEUED", sentState(a, id));

        // no receipt in time: A sends it again, B stores it once and answers
        Instant waitFrom = Instant.now();
        JsonObject delivered = awaitSentState(a, id, "DELIVERED", Duration.ofSeconds(150));
        assertTrue(
                Duration.between(waitFrom, Instant.now()).toSeconds() >= RESEND_AFTER_SECONDS - 5,
                "not before the receipt was overdue");
        assertEquals("A sends it again", awaitReceived(b, id).getString("body"));
        assertTrue(a.serverLog().contains("AMICUS-FEDERATION-029"), "the resend is logged");
        assertEquals("DELIVERED", delivered.getString("state"));

        // B's operator retries the dead letter later: recognised, stored once
        assertEquals(
                200,
                Http.postJson(
                                b.uri("api/v1/federation/dead-letters/retry"),
                                Json.createObjectBuilder().build())
                        .status());
        assertEachReceivedOnce(b, List.of(id));
    }

    /**
     * Sends from A to B while B's inbound queue is paused (B's server cannot take it), then moves the envelope to
     * B's dead-letter queue as B's broker does after the last failed attempt; returns its id.
     */
    private static String sendIntoBsDeadLetters(String subject, String body) throws Exception {
        return sendIntoDeadLetters(b, dataB, a, subject, body);
    }

    /** A message from {@code from} that reaches {@code to}'s broker and goes to its dead letters before {@code to} takes it. */
    private static String sendIntoDeadLetters(
            NodeProcess to, Path dataTo, NodeProcess from, String subject, String body) throws Exception {
        String in = "amicus.federation.in";
        try (BrokerAdmin broker = new BrokerAdmin(to.brokerPort, dataTo.resolve("secrets/broker.properties"))) {
            broker.pause(in);
            try {
                String id = send(from, to, subject, body);
                String filter = "amicusEnvelope = '" + id + "'";
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (broker.count(in, filter) == 0 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                assertEquals(
                        1, broker.sendToDeadLetterAddress(in, filter), "the envelope reached the recipient's broker");
                return id;
            } finally {
                broker.resume(in);
            }
        }
    }

    @Test
    void anEnvelopeBCouldNotProcessWaitsAsADeadLetterUntilBsOperatorRetriesIt() throws Exception {
        String in = "amicus.federation.in";
        // what B's broker does after the last failed delivery attempt
        String id = sendIntoBsDeadLetters("a dead letter for a while", "B's operator will retry it");
        JsonObject dead = deadLetter(b, id).orElseThrow(() -> new AssertionError("B's operator sees it"));
        assertEquals(in, dead.getString("queue"));
        assertEquals(nodeId(a), dead.getString("deliveredBy"), "the peer B's broker authenticated");
        assertTrue(dead.getJsonNumber("size").longValue() > 0);
        assertFalse(dead.toString().contains("retry it"), "no content");
        awaitSeries(b, "amicus_federation_dead_letters\\{[^}]*\\}", v -> v >= 1);
        assertEquals("QUEUED", sentState(a, id), "not delivered while it is a dead letter");

        String messageId = dead.getString("messageId");
        Http.Response bad = Http.postJson(
                b.uri("api/v1/federation/dead-letters/nonsense/retry"),
                Json.createObjectBuilder().build());
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.contentType().startsWith("application/problem+json"), bad.contentType());
        Http.Response unknown = Http.postJson(
                b.uri("api/v1/federation/dead-letters/ID:00000000-0000-0000-0000-000000000000/retry"),
                Json.createObjectBuilder().build());
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(deadLetter(b, id).isPresent(), "a bad request moves nothing");

        Http.Response retried = Http.postJson(
                b.uri("api/v1/federation/dead-letters/" + messageId + "/retry"),
                Json.createObjectBuilder().build());
        assertEquals(204, retried.status(), retried.body());

        assertEquals("B's operator will retry it", awaitReceived(b, id).getString("body"));
        awaitSentState(a, id, "DELIVERED");
        assertTrue(deadLetter(b, id).isEmpty());
        assertEquals(
                404,
                Http.postJson(
                                b.uri("api/v1/federation/dead-letters/" + messageId + "/retry"),
                                Json.createObjectBuilder().build())
                        .status(),
                "retried once only");
        awaitSeries(b, "amicus_federation_dead_letters\\{[^}]*\\}", v -> v == 0);
    }

    private static java.util.Optional<JsonObject> deadLetter(NodeProcess at, String envelope) throws Exception {
        return Http.get(at.uri("api/v1/federation/dead-letters")).jsonArray().stream()
                .map(v -> v.asJsonObject())
                .filter(d -> envelope.equals(d.getString("envelope", null)))
                .findFirst();
    }

    @Test
    void aCardWithAMisreadFingerprintOrAForeignTlsKeyIsRefusedAndNothingIsStored() throws Exception {
        int before = Http.get(c.uri("api/v1/federation/peers")).jsonArray().size();
        JsonObject cardB = card(b);
        Http.Response keyBefore = Http.get(c.uri("api/v1/keys/" + cardB.getString("fingerprint")));

        Http.Response misread = Http.postJson(
                c.uri("api/v1/federation/peers"),
                Json.createObjectBuilder()
                        .add("card", cardB)
                        .add("fingerprint", fingerprint(a))
                        .add("verifiedBy", "operator of C")
                        .build());
        assertEquals(422, misread.status(), misread.body());
        assertTrue(misread.body().contains("fingerprint-mismatch"), misread.body());

        JsonObject foreignTls = Json.createObjectBuilder(cardB)
                .add("tlsCertificate", card(a).getString("tlsCertificate"))
                .build();
        Http.Response refused = Http.postJson(
                c.uri("api/v1/federation/peers"),
                Json.createObjectBuilder()
                        .add("card", foreignTls)
                        .add("fingerprint", cardB.getString("fingerprint"))
                        .add("verifiedBy", "operator of C")
                        .build());
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("peering-card-refused"), refused.body());
        assertTrue(refused.body().contains("not the one the organisation bound"), refused.body());

        Http.Response garbage = Http.post(c.uri("api/v1/federation/peers"), "application/json", "{\"card\": 42}");
        assertEquals(400, garbage.status(), garbage.body());

        assertEquals(
                before, Http.get(c.uri("api/v1/federation/peers")).jsonArray().size(), "nothing stored");
        Http.Response keyAfter = Http.get(c.uri("api/v1/keys/" + cardB.getString("fingerprint")));
        assertEquals(keyBefore.status(), keyAfter.status(), "the key directory is as it was");
        assertEquals(keyBefore.body(), keyAfter.body(), "the key directory is as it was");
    }

    @Test
    void aMessageToANodeThatIsNoPeerIsRefusedAndNothingIsQueued() throws Exception {
        Http.Response unknown = Http.postJson(
                a.uri("api/v1/messages"),
                Json.createObjectBuilder()
                        .add(
                                "to",
                                Json.createArrayBuilder().add(UUID.randomUUID().toString()))
                        .add("subject", "s")
                        .add("body", "b")
                        .build());
        assertEquals(422, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("unknown-recipient"), unknown.body());

        Http.Response badTtl = Http.postJson(
                a.uri("api/v1/messages"),
                Json.createObjectBuilder()
                        .add("to", Json.createArrayBuilder().add(nodeId(b)))
                        .add("subject", "s")
                        .add("body", "b")
                        .add("timeToLive", "P400D")
                        .build());
        assertEquals(400, badTtl.status(), badTtl.body());
        assertTrue(badTtl.body().contains("timeToLive"), badTtl.body());
    }

    @Test
    void aNodeWithoutALinkToAnotherReachesItThroughARelayThatCannotReadWhatItForwards() throws Exception {
        forget(a, c);
        forget(c, a);
        // C has a link to B only (say, no public address); B relays for it
        for (Http.Response r : new Http.Response[] {addPeer(b, c), addPeer(c, b)}) {
            assertTrue(r.status() == 201 || r.status() == 409, r.body());
        }
        Http.Response relaying = Http.post(b.uri("api/v1/federation/peers/" + nodeId(c) + "/relay"));
        assertEquals(200, relaying.status(), relaying.body());
        assertTrue(relaying.json().getBoolean("relaying"));
        Http.Response both = addPeer(a, c, "127.0.0.1:1", nodeId(b));
        assertEquals(400, both.status(), "an address and a relay at once: " + both.body());
        Http.Response noRelay = addPeer(a, c, null, UUID.randomUUID().toString());
        assertEquals(422, noRelay.status(), "a relay that is no peer: " + noRelay.body());
        assertTrue(noRelay.body().contains("must be an active peer"), noRelay.body());
        Http.Response stored = Http.get(a.uri("api/v1/federation/peers/" + nodeId(c)));
        assertTrue(
                stored.status() == 404 || stored.json().getString("state").equals("REMOVED"),
                "nothing stored: " + stored.body());
        assertEquals(201, addPeer(a, c, null, nodeId(b)).status());
        assertEquals(201, addPeer(c, a, null, nodeId(b)).status());
        JsonObject cAtA = peer(a, c);
        assertEquals(nodeId(b), cAtA.getString("via"), cAtA.toString());
        double relayedBefore = receivedMetric(b, "relayed");

        String id = send(a, c, "through the relay", "B forwards this without reading it");
        JsonObject read = awaitReceived(c, id);
        assertEquals("B forwards this without reading it", read.getString("body"));
        assertEquals(fingerprint(a), read.getString("sender"), "signed by A, checked by C");
        assertEquals(nodeId(b), read.getString("viaPeer"));
        awaitSentState(a, id, "DELIVERED"); // C's receipt came back through B too
        String reply = send(c, a, "reply", "and back the same way");
        assertEquals("and back the same way", awaitReceived(a, reply).getString("body"));
        awaitSentState(c, reply, "DELIVERED");
        assertEquals(404, Http.get(b.uri("api/v1/messages/received/" + id)).status(), "the relay keeps nothing");

        // lost after the relay (gone from C's inbound queue at the wrong moment; it waits in C's dead letters, unseen
        // by A): A sends it again for want of C's receipt, and B, which forwarded the first sending, forwards the
        // resend
        String lost = sendIntoDeadLetters(c, dataC, a, "lost after the relay", "A sends it again, B forwards it again");
        Thread.sleep(3_000);
        assertEquals(404, Http.get(c.uri("api/v1/messages/received/" + lost)).status(), "not stored at C");
        assertEquals("QUEUED", sentState(a, lost));
        awaitSentState(a, lost, "DELIVERED", Duration.ofSeconds(150));
        assertEquals(
                "A sends it again, B forwards it again", awaitReceived(c, lost).getString("body"));
        assertTrue(b.serverLog().contains("AMICUS-FEDERATION-072"), "B logs that it relayed the resend");
        // C's operator retries the dead letter, the first sending: recognised, stored once
        String deadAtC = deadLetter(c, lost).orElseThrow().getString("messageId");
        assertEquals(
                204,
                Http.postJson(
                                c.uri("api/v1/federation/dead-letters/" + deadAtC + "/retry"),
                                Json.createObjectBuilder().build())
                        .status());
        Instant retried = Instant.now().plus(Duration.ofSeconds(30));
        while (deadLetter(c, lost).isPresent() && Instant.now().isBefore(retried)) {
            Thread.sleep(250);
        }
        assertTrue(deadLetter(c, lost).isEmpty(), "the dead letter was delivered");
        assertEquals(
                1,
                Http.get(c.uri("api/v1/messages/received")).jsonArray().stream()
                        .filter(v -> lost.equals(v.asJsonObject().getString("id")))
                        .count(),
                "stored once at C");
        assertTrue(receivedMetric(b, "relayed") >= relayedBefore + 4, "message, reply and both receipts relayed");

        // a submission with its file goes the same way, in two parts (64 MiB and the rest): B forwards each part
        // unread, C opens them in turn against the manifest A signed, and C's signed receipt comes back through B
        String submission = submitThroughRelay(a, c, 67L * 1024 * 1024 + 17);
        JsonObject atC = awaitSubmission(c, submission, "received");
        JsonObject fileAtC = atC.getJsonArray("items").getJsonObject(0);
        assertEquals("verified", fileAtC.getString("state"), atC.toString());
        JsonObject atA = awaitSubmission(a, submission, "received");
        assertEquals(
                fileAtC.getString("sha256"),
                atA.getJsonArray("items").getJsonObject(0).getString("sha256"),
                "C verified the file A took in");
        assertTrue(atA.getJsonObject("receipt").getBoolean("verified"), atA.toString());
        assertEquals(404, Http.get(b.uri("api/v1/submissions/" + submission)).status(), "the relay keeps nothing");
        try (var left = Files.list(b.dataDir.resolve("evidence"))) {
            assertTrue(
                    left.noneMatch(p -> p.getFileName().toString().endsWith(".evidence")),
                    "no evidence file at the relay");
        }
        Path passing = b.dataDir.resolve("evidence/relay");
        try (var left = Files.list(passing)) {
            assertEquals(0, left.count(), "nothing of the file left where it passed through B");
        }
        assertTrue(
                Http.get(b.uri("metrics"))
                        .body()
                        .matches("(?s).*amicus_federation_files_total\\{[^}]*outcome=\"relayed\"[^}]*\\}\\s+[1-9].*"),
                "B counted the file relayed");
        Path incomingAtC = c.dataDir.resolve("evidence/incoming");
        if (Files.isDirectory(incomingAtC)) {
            try (var left = Files.list(incomingAtC)) {
                assertEquals(0, left.count(), "C keeps no ciphertext of the file once it is opened");
            }
        }

        // no network between A and B: the next submission and its file are carried to B in a bundle, and B relays the
        // envelope and both parts on to C (over its link) as if they had come by network; the network copies that
        // come later change nothing
        String carried;
        double refusedBefore = fileOutcome(c, "refused");
        cutNetwork();
        try {
            carried = submitThroughRelay(a, c, 64L * 1024 * 1024 + 5); // two parts: 64 MiB and 5 bytes
            String outForB = "amicus.federation.out." + nodeId(b);
            try (BrokerAdmin broker = new BrokerAdmin(a.brokerPort, a.dataDir.resolve("secrets/broker.properties"))) {
                Instant queued = Instant.now().plus(Duration.ofSeconds(60));
                while (broker.count(outForB, "amicusFile IS NOT NULL") < 2
                        && Instant.now().isBefore(queued)) {
                    Thread.sleep(200);
                }
                assertEquals(2, broker.count(outForB, "amicusFile IS NOT NULL"), "both parts wait at A for B");
            }
            Http.Download bundle = Http.download(a.uri("api/v1/federation/peers/" + nodeId(b) + "/bundle"));
            assertEquals(200, bundle.status(), new String(bundle.body(), StandardCharsets.UTF_8));
            assertEquals("2", bundle.headers().firstValue("Amicus-Bundle-Parts").orElseThrow());
            Http.Response imported = Http.post(b.uri("api/v1/federation/bundles"), BUNDLE, bundle.body());
            assertEquals(200, imported.status(), imported.body());
            JsonObject files = imported.json().getJsonObject("files");
            assertEquals(2, files.getInt("parts"), imported.body());
            assertEquals(2, files.getInt("kept"), "both relayed on to C: " + imported.body());
            JsonObject carriedAtC = awaitSubmission(c, carried, "received");
            assertEquals(
                    "verified",
                    carriedAtC.getJsonArray("items").getJsonObject(0).getString("state"),
                    carriedAtC.toString());
            assertEquals(404, Http.get(b.uri("api/v1/submissions/" + carried)).status(), "the relay keeps nothing");
        } finally {
            healNetwork();
        }
        awaitSubmission(a, carried, "received"); // C's receipt, through B once the network is back
        try (BrokerAdmin broker = new BrokerAdmin(a.brokerPort, a.dataDir.resolve("secrets/broker.properties"))) {
            Instant drained = Instant.now().plus(Duration.ofSeconds(60));
            String outForB = "amicus.federation.out." + nodeId(b);
            while (broker.count(outForB, "amicusFile IS NOT NULL") > 0
                    && Instant.now().isBefore(drained)) {
                Thread.sleep(250);
            }
            assertEquals(0, broker.count(outForB, "amicusFile IS NOT NULL"), "the network copies left A");
        }
        JsonObject stillAtC = awaitSubmission(c, carried, "received");
        assertEquals("verified", stillAtC.getJsonArray("items").getJsonObject(0).getString("state"));
        assertEquals(refusedBefore, fileOutcome(c, "refused"), "C refused no part, network copy or not");
        Instant passed = Instant.now().plus(Duration.ofSeconds(60)); // the network copies pass through B's spool
        long left = -1;
        while (left != 0 && Instant.now().isBefore(passed)) {
            try (var files = Files.list(passing)) {
                left = files.count();
            }
            Thread.sleep(left == 0 ? 0 : 250);
        }
        assertEquals(0, left, "nothing of the carried file left at B");

        // a relay that stops relaying refuses, and the sender is told
        assertEquals(
                200,
                Http.delete(b.uri("api/v1/federation/peers/" + nodeId(c) + "/relay"))
                        .status());
        try {
            String refused = send(a, c, "no relay any more", "this one stops at B");
            JsonObject rejected = awaitSentState(a, refused, "REJECTED");
            assertTrue(rejected.getString("detail").contains("not-relayed"), rejected.toString());
            assertEquals(
                    404, Http.get(c.uri("api/v1/messages/received/" + refused)).status());
        } finally {
            assertEquals(
                    200,
                    Http.post(b.uri("api/v1/federation/peers/" + nodeId(c) + "/relay"))
                            .status());
        }
    }

    @Test
    void aLinkCutInTheMiddleOfABurstLosesNothingAndDuplicatesNothing() throws Exception {
        List<String> ids = new ArrayList<>();
        try {
            Instant cutAt = null;
            for (int i = 0; i < CUT_ENVELOPES; i++) {
                if (i == CUT_ENVELOPES / 3) {
                    cutNetwork();
                    cutAt = Instant.now();
                }
                ids.add(send(a, b, "burst " + i, "envelope " + i));
            }
            awaitPeer(a, b, p -> p.getJsonObject("link").getString("state").equals("connecting"));
            // the link stays down a while; both sides keep retrying
            Duration left = Duration.between(Instant.now(), cutAt.plusSeconds(CUT_SECONDS));
            Thread.sleep(Math.max(0, left.toMillis()));
        } finally {
            healNetwork();
        }
        for (String id : ids) {
            awaitSentState(a, id, "DELIVERED");
        }
        assertEachReceivedOnce(b, ids);
    }

    @Test
    void aReceiverKilledInTheMiddleOfAStreamGetsEachEnvelopeExactlyOnceAfterItsRestart() throws Exception {
        double acceptedBefore = receivedMetric(b, "accepted");
        Sender stream = Sender.start(a, b, STREAM);
        try {
            awaitMetric(b, "accepted", acceptedBefore + STREAM / 6);
            b.kill(); // power cut: broker, server and launcher at once, mid-transaction
            Thread.sleep(2_000);
        } finally {
            if (!b.isAlive()) {
                b = restarted(b, false);
            }
        }
        List<String> ids = stream.awaitAll();
        assertEquals(STREAM, ids.size(), "A took every envelope while B was down");
        for (String id : ids) {
            awaitSentState(a, id, "DELIVERED");
        }
        assertEachReceivedOnce(b, ids);
    }

    @Test
    void aSenderKilledInTheMiddleOfAStreamDeliversEveryEnvelopeItAcceptedExactlyOnce() throws Exception {
        double acceptedBefore = receivedMetric(b, "accepted");
        Sender stream = Sender.start(a, b, STREAM);
        List<String> accepted;
        try {
            awaitMetric(b, "accepted", acceptedBefore + STREAM / 6);
            a.kill();
            accepted = stream.awaitAll(); // stops at the first request the dead node did not answer
        } finally {
            if (!a.isAlive()) {
                a = restarted(a, true);
            }
        }
        assertTrue(
                accepted.size() >= STREAM / 6 && accepted.size() < STREAM, "killed in the middle: " + accepted.size());
        for (String id : accepted) { // the sent records survived the kill and learn of their delivery
            awaitSentState(a, id, "DELIVERED");
        }
        assertEachReceivedOnce(b, accepted);
    }

    @Test
    @Order(Integer.MAX_VALUE) // C's key stays revoked at A: no test after this one may need C and A to trust each other
    void aNodeWhoseKeyIsRevokedIsRefusedAtOnceAndWhatWaitedForItIsUndeliverable() throws Exception {
        forget(a, c);
        forget(c, a);
        try (TcpProxy toC = TcpProxy.to(c.federationPort)) {
            assertEquals(201, addPeer(a, c, toC.address()).status());
            assertEquals(201, addPeer(c, a).status());
            String before = send(c, a, "before the compromise", "still trusted");
            awaitReceived(a, before);
            awaitSentState(c, before, "DELIVERED");
            toC.cut(); // A cannot reach C for now: the next envelope waits at A
            String waiting = send(a, c, "waiting", "sealed to C's key, must never leave A now");
            awaitPeer(a, c, p -> p.getInt("waiting") >= 1);

            // C's key is compromised: its operator hands the revocation certificate made ahead of time to A's
            Path revocation = ItEnvironment.work().resolve("c-revocation-" + UUID.randomUUID() + ".asc");
            NodeProcess.Command made = c.identity("revocation", revocation.toString());
            assertEquals(0, made.exit(), made.err());
            Http.Response imported =
                    Http.post(a.uri("api/v1/keys"), "application/pgp-keys", Files.readAllBytes(revocation));
            assertEquals(200, imported.status(), imported.body());
            assertEquals("REVOKED", imported.json().getString("result"));

            JsonObject undeliverable = awaitSentState(a, waiting, "UNDELIVERABLE");
            assertTrue(undeliverable.getString("detail").contains("revoked"), undeliverable.toString());
            JsonObject cAtA = peer(a, c);
            assertEquals("revoked", cAtA.getJsonObject("link").getString("state"), cAtA.toString());
            assertEquals(0, cAtA.getInt("waiting"), cAtA.toString());
            Http.Response refusedSend = Http.postJson(
                    a.uri("api/v1/messages"),
                    Json.createObjectBuilder()
                            .add("to", Json.createArrayBuilder().add(nodeId(c)))
                            .add("subject", "after")
                            .add("body", "not to a revoked key")
                            .build());
            assertEquals(422, refusedSend.status(), refusedSend.body());

            // C's connection was closed, and C cannot connect again
            String after = send(c, a, "after the compromise", "must not arrive");
            JsonObject link = awaitPeer(
                            c,
                            a,
                            p -> p.getJsonObject("link")
                                    .getString("lastError", "")
                                    .contains("does not accept this node"))
                    .getJsonObject("link");
            assertEquals("connecting", link.getString("state"), link.toString());
            Thread.sleep(3_000);
            assertEquals(
                    404, Http.get(a.uri("api/v1/messages/received/" + after)).status(), "nothing from C");
            assertEquals("QUEUED", sentState(c, after));
            toC.heal();
        }
    }

    /** Sends envelopes one after another in the background until {@code count} or the first failure. */
    private record Sender(java.util.concurrent.Future<List<String>> sent) {

        static Sender start(NodeProcess from, NodeProcess to, int count) {
            var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                return new Sender(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    try {
                        for (int i = 0; i < count; i++) {
                            ids.add(send(from, to, "stream " + i, "envelope " + i + " of " + count));
                        }
                    } catch (java.io.IOException | AssertionError stopped) { // the sending node went away
                    }
                    return ids;
                }));
            } finally {
                pool.shutdown();
            }
        }

        /** The ids of the envelopes the sending node accepted (answered 201). */
        List<String> awaitAll() throws Exception {
            return sent.get(5 + STREAM / 1000, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    /** The same node started again on its data directory, ports and federation port (its peers' addresses). */
    private static NodeProcess restarted(NodeProcess n, boolean suiteDatabase) throws Exception {
        return NodeProcess.start(
                        n.dataDir,
                        n.httpPort,
                        n.brokerPort,
                        suiteDatabase,
                        QUICK_RESEND,
                        "--federation-port",
                        Integer.toString(n.federationPort))
                .awaitReady();
    }

    private static void awaitMetric(NodeProcess n, String outcome, double atLeast) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90 + STREAM / 20));
        while (receivedMetric(n, outcome) < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never " + atLeast + " " + outcome + " at " + n.dataDir.getFileName());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aBundleCarriedByHandDeliversEachEnvelopeOnceAndTheNetworkLaterAddsNothing() throws Exception {
        Path bundle = ItEnvironment.work().resolve("a-for-b-" + UUID.randomUUID() + ".amcb");
        List<String> ids = new ArrayList<>();
        double networkDuplicatesBefore = receivedMetric(b, "duplicate");
        cutNetwork(); // no usable network between A and B
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(send(a, b, "by hand " + i, "carried on a USB stick " + i));
            }
            // and a part of a file for a node B neither is nor relays to (as a misrouted part would wait at A): it
            // travels in the bundle like the rest, and B refuses it on import, keeping nothing of it
            Path stray = Files.write(ItEnvironment.work().resolve("stray-" + UUID.randomUUID()), new byte[4096]);
            String strayName = UUID.randomUUID() + "/f1";
            try (BrokerAdmin broker = new BrokerAdmin(a.brokerPort, a.dataDir.resolve("secrets/broker.properties"))) {
                broker.sendWhole(
                        "amicus.federation.out." + nodeId(b),
                        new BrokerAdmin.Taken(
                                java.util.Map.of(
                                        "amicusFile", strayName,
                                        "amicusFileFrom", nodeId(a),
                                        "amicusFileTo", UUID.randomUUID().toString()),
                                stray),
                        stray,
                        "file:" + strayName);
            }
            // more wait than one bundle is to hold (here 3 at most): the operator is told how to write the next
            NodeProcess.Command exported = a.command("peers", "export", nodeId(b), bundle.toString(), "--limit", "3");
            assertEquals(0, exported.exit(), exported.err());
            assertTrue(exported.out().contains("Wrote 3 "), exported.out());
            var next =
                    java.util.regex.Pattern.compile("--after ([0-9a-f-]{36})").matcher(exported.out());
            assertTrue(next.find(), "how to export the rest: " + exported.out());
            Path rest = ItEnvironment.work().resolve("a-for-b-" + UUID.randomUUID() + ".amcb");
            NodeProcess.Command exportedRest =
                    a.command("peers", "export", nodeId(b), rest.toString(), "--after", next.group(1));
            assertEquals(0, exportedRest.exit(), exportedRest.err());
            assertFalse(exportedRest.out().contains("--after"), "nothing more waits: " + exportedRest.out());
            for (Path carried : List.of(bundle, rest)) {
                assertFalse(
                        new String(Files.readAllBytes(carried), StandardCharsets.ISO_8859_1).contains("USB stick"),
                        "a bundle holds sealed envelopes only");
            }

            int accepted = 0;
            int partsRefused = 0;
            for (Path carried : List.of(bundle, rest)) {
                NodeProcess.Command imported = b.command("peers", "import", carried.toString());
                assertEquals(0, imported.exit(), imported.err());
                JsonObject summary =
                        Json.createReader(new StringReader(imported.out())).readObject();
                assertEquals(0, summary.getInt("refused"), summary.toString());
                accepted += summary.getInt("accepted");
                partsRefused += summary.getJsonObject("files").getInt("refused");
                assertEquals(0, summary.getJsonObject("files").getInt("kept"), summary.toString());
            }
            assertTrue(accepted >= 5, "the two bundles together carried all five: " + accepted);
            assertEquals(1, partsRefused, "the stray part was carried and refused");
            for (String dir : List.of("evidence/incoming", "evidence/relay")) {
                Path at = b.dataDir.resolve(dir);
                if (Files.isDirectory(at)) {
                    try (var left = Files.list(at)) {
                        assertEquals(0, left.count(), "B keeps nothing of the stray part in " + dir);
                    }
                }
            }
            for (int i = 0; i < ids.size(); i++) {
                JsonObject read = awaitReceived(b, ids.get(i));
                assertEquals("carried on a USB stick " + i, read.getString("body"));
                assertEquals(fingerprint(a), read.getString("sender"));
            }

            // B's receipts travel back the same way: A sees its envelopes delivered with no network at all
            awaitReceiptsQueued(b, ids);
            Http.Download receipts = Http.download(b.uri("api/v1/federation/peers/" + nodeId(a) + "/bundle"));
            assertEquals(200, receipts.status());
            assertTrue(Integer.parseInt(receipts.headers()
                            .firstValue("Amicus-Bundle-Envelopes")
                            .orElseThrow())
                    >= 1);
            Http.Response back = Http.post(a.uri("api/v1/federation/bundles"), BUNDLE, receipts.body());
            assertEquals(200, back.status(), back.body());
            for (String id : ids) {
                assertEquals("DELIVERED", sentState(a, id), "confirmed by the receipt carried back");
            }
        } finally {
            healNetwork();
        }
        // the network returns and carries the same envelopes (and receipts) again: each is kept once
        awaitPeer(a, b, p -> p.getJsonObject("link").getString("state").equals("connected"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (receivedMetric(b, "duplicate") < networkDuplicatesBefore + ids.size()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertTrue(
                receivedMetric(b, "duplicate") >= networkDuplicatesBefore + ids.size(),
                "B received the envelopes again by network and dropped them as duplicates");
        assertEachReceivedOnce(b, ids);
        for (String id : ids) {
            assertEquals("DELIVERED", sentState(a, id));
        }
        Thread.sleep(2_000); // the receipts' second arrival at A, if any, has been handled
        String refusedAtA = Http.get(a.uri("api/v1/federation/refused")).body();
        String refusedAtB = Http.get(b.uri("api/v1/federation/refused")).body();
        for (String id : ids) {
            assertFalse(refusedAtB.contains(id), "a second arrival is no refusal: " + refusedAtB);
        }
        assertFalse(refusedAtA.contains("replayed"), "receipts arriving again are no replay: " + refusedAtA);
    }

    @Test
    void aCutChangedForeignOrRepeatedBundleIsRefusedAndDeliversNothing() throws Exception {
        int addCToA = addPeer(c, a).status(); // C knows A (perhaps already)
        assertTrue(addCToA == 201 || addCToA == 409, "C peers with A: " + addCToA);
        List<String> ids = new ArrayList<>();
        byte[] bundle;
        cutNetwork();
        try {
            ids.add(send(a, b, "in a bundle 1", "one"));
            ids.add(send(a, b, "in a bundle 2", "two"));
            Http.Download export = Http.download(a.uri("api/v1/federation/peers/" + nodeId(b) + "/bundle"));
            assertEquals(200, export.status());
            assertEquals(
                    BUNDLE,
                    export.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
            bundle = export.body();
            Http.Response lost =
                    Http.get(a.uri("api/v1/federation/peers/" + nodeId(b) + "/bundle?after=" + UUID.randomUUID()));
            assertEquals(409, lost.status(), lost.body());
            assertEquals("application/problem+json", lost.contentType());
            assertTrue(lost.json().getString("type").endsWith("bundle-start-not-waiting"), lost.body());
            for (String bad : List.of("?after=yesterday", "?limit=0")) {
                Http.Response refused = Http.get(a.uri("api/v1/federation/peers/" + nodeId(b) + "/bundle" + bad));
                assertEquals(400, refused.status(), bad + ": " + refused.body());
                assertEquals("application/problem+json", refused.contentType());
                assertTrue(refused.json().getString("type").endsWith("invalid-input"), refused.body());
            }

            assertRefused(b, java.util.Arrays.copyOf(bundle, bundle.length - 100), 422, "bundle-truncated");
            byte[] tampered = bundle.clone();
            tampered[tampered.length - 40] ^= 0x01;
            assertRefused(b, tampered, 422, "bundle-tampered");
            assertRefused(b, "not a bundle at all".getBytes(StandardCharsets.UTF_8), 422, "bundle-malformed");
            assertRefused(c, bundle, 422, "bundle-for-another-node");
            Http.Download fromB = Http.download(b.uri("api/v1/federation/peers/" + nodeId(a) + "/bundle"));
            forget(c, b); // (the relay test may have peered them)
            assertRefused(c, fromB.body(), 422, "bundle-from-unknown-node");
            for (String id : ids) {
                assertEquals(
                        404, Http.get(b.uri("api/v1/messages/received/" + id)).status(), "nothing delivered");
            }

            Http.Response first = Http.post(b.uri("api/v1/federation/bundles"), BUNDLE, bundle);
            assertEquals(200, first.status(), first.body());
            assertTrue(first.json().getBoolean("complete"), first.body());
            assertRefused(b, bundle, 409, "bundle-replayed");
            JsonArray imported = Http.get(b.uri("api/v1/federation/bundles")).jsonArray();
            assertTrue(imported.toString().contains(first.json().getString("bundle")), imported.toString());
            NodeProcess.Command again =
                    b.command("peers", "import", write(bundle).toString());
            assertEquals(3, again.exit(), again.out());
            assertTrue(again.err().contains("imported already"), again.err());
        } finally {
            healNetwork();
        }
        assertEachReceivedOnce(b, ids);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static final String BUNDLE = "application/vnd.amicus.bundle";

    private static void assertRefused(NodeProcess at, byte[] bundle, int status, String type) throws Exception {
        Http.Response r = Http.post(at.uri("api/v1/federation/bundles"), BUNDLE, bundle);
        assertEquals(status, r.status(), r.body());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.json().getString("type").endsWith(type), r.body());
    }

    private static Path write(byte[] bundle) throws Exception {
        return Files.write(ItEnvironment.work().resolve("bundle-" + UUID.randomUUID() + ".amcb"), bundle);
    }

    private static void suspend(NodeProcess at, NodeProcess peer) throws Exception {
        assertEquals(
                200,
                Http.post(at.uri("api/v1/federation/peers/" + nodeId(peer) + "/suspend"))
                        .status());
    }

    private static void resume(NodeProcess at, NodeProcess peer) throws Exception {
        assertEquals(
                200,
                Http.post(at.uri("api/v1/federation/peers/" + nodeId(peer) + "/resume"))
                        .status());
    }

    /**
     * What the receiving organisation would check: each envelope can be read there, and none is listed twice among
     * its newest 1,000 received.
     */
    private static void assertEachReceivedOnce(NodeProcess at, java.util.Collection<String> ids) throws Exception {
        for (String id : ids) {
            awaitReceived(at, id);
        }
        java.util.Map<String, Long> listed =
                Http.get(at.uri("api/v1/messages/received?limit=1000")).jsonArray().stream()
                        .map(v -> v.asJsonObject().getString("id"))
                        .filter(ids::contains)
                        .collect(java.util.stream.Collectors.groupingBy(
                                id -> id, java.util.stream.Collectors.counting()));
        listed.forEach((id, copies) -> assertEquals(1L, copies, "envelope " + id + " listed " + copies + " times"));
        if (ids.size() <= 1000) {
            assertEquals(ids.size(), listed.size(), "all " + ids.size() + " among the newest received");
        }
    }

    private static void awaitReceiptsQueued(NodeProcess at, List<String> ids) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonArray received =
                    Http.get(at.uri("api/v1/messages/received?limit=1000")).jsonArray();
            long receipted = received.stream()
                    .map(JsonValue::asJsonObject)
                    .filter(r -> ids.contains(r.getString("id")) && r.containsKey("receiptSentAt"))
                    .count();
            if (receipted == ids.size()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no receipts were queued for " + ids);
    }

    /** A node's count of network arrivals with an outcome (accepted, duplicate, refused, …). */
    /** A submission of one file of {@code size} random bytes from {@code from} to {@code to}, sent; its id. */
    private static String submitThroughRelay(NodeProcess from, NodeProcess to, long size) throws Exception {
        byte[] file = new byte[Math.toIntExact(size)];
        new java.util.Random(size).nextBytes(file);
        Http.Response upload = Http.postJson(
                from.uri("api/v1/uploads"),
                Json.createObjectBuilder()
                        .add("name", "site-visit.mp4")
                        .add("size", size)
                        .build());
        assertEquals(201, upload.status(), upload.body());
        String uploadId = upload.json().getString("id");
        int chunkBytes = 16 << 20; // the most a node takes in one chunk
        for (int offset = 0; offset < file.length; offset += chunkBytes) {
            Http.Response chunk = Http.exchangeWithToken(
                    java.net.http.HttpRequest.newBuilder(from.uri("api/v1/uploads/" + uploadId + "?offset=" + offset))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                    file, offset, Math.min(chunkBytes, file.length - offset))));
            assertEquals(200, chunk.status(), chunk.body());
        }
        Http.Response complete = Http.post(from.uri("api/v1/uploads/" + uploadId + "/complete"));
        assertEquals(200, complete.status(), complete.body());
        Http.Response draft = Http.postJson(
                from.uri("api/v1/submissions"),
                Json.createObjectBuilder()
                        .add("title", "Site visit")
                        .add("description", "Footage of the site, through the relay")
                        .add("recipient", nodeId(to))
                        .build());
        assertEquals(201, draft.status(), draft.body());
        String id = draft.json().getString("id");
        Http.Response item = Http.postJson(
                from.uri("api/v1/submissions/" + id + "/items"),
                Json.createObjectBuilder()
                        .add("upload", uploadId)
                        .add("title", "Site visit, camera 1")
                        .add(
                                "custody",
                                Json.createObjectBuilder()
                                        .add("collectedBy", "Field team 1")
                                        .add("collectedAt", "2024-05-02")
                                        .add("collectedWhere", "the site"))
                        .build());
        assertEquals(200, item.status(), item.body());
        Http.Response sent = Http.post(from.uri("api/v1/submissions/" + id + "/send"));
        assertEquals(200, sent.status(), sent.body());
        return id;
    }

    private static JsonObject awaitSubmission(NodeProcess at, String id, String state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            Http.Response r = Http.get(at.uri("api/v1/submissions/" + id));
            if (r.status() == 200) {
                last = r.json();
                if (state.equals(last.getString("state"))) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("submission " + id + " never " + state + ": " + last);
    }

    /** A node's count of parts of files with this outcome ({@code amicus_federation_files_total}). */
    static double fileOutcome(NodeProcess n, String outcome) throws Exception {
        var m = java.util.regex.Pattern.compile(
                        "amicus_federation_files_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\}\\s+([0-9.eE+]+)")
                .matcher(Http.get(n.uri("metrics")).body());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static double receivedMetric(NodeProcess n, String outcome) throws Exception {
        String metrics = Http.get(n.uri("metrics")).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "amicus_federation_received_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\}\\s+([0-9.eE+]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits until {@code at}'s per-peer metric for {@code peer} satisfies {@code condition}. */
    private static void awaitPeerMetric(
            NodeProcess at, String name, NodeProcess peer, java.util.function.DoublePredicate condition)
            throws Exception {
        awaitSeries(
                at, java.util.regex.Pattern.quote(name) + "\\{[^}]*peer=\"" + nodeId(peer) + "\"[^}]*\\}", condition);
    }

    /** Waits until the metric whose line starts with {@code series} (a regex) satisfies {@code condition}. */
    private static void awaitSeries(NodeProcess at, String series, java.util.function.DoublePredicate condition)
            throws Exception {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?m)^" + series + "\\s+([0-9.eE+-]+)");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            java.util.regex.Matcher m = line.matcher(Http.get(at.uri("metrics")).body());
            if (m.find()) {
                last = m.group(0);
                if (condition.test(Double.parseDouble(m.group(1)))) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("metric " + series + " never as expected; last: " + last);
    }

    static Http.Response addPeer(NodeProcess at, NodeProcess peer) throws Exception {
        return addPeer(at, peer, null);
    }

    static Http.Response addPeer(NodeProcess at, NodeProcess peer, String address) throws Exception {
        return addPeer(at, peer, address, null);
    }

    /** Removes {@code peer} from {@code at}'s peers if it is one. */
    private static void forget(NodeProcess at, NodeProcess peer) throws Exception {
        int status =
                Http.delete(at.uri("api/v1/federation/peers/" + nodeId(peer))).status();
        assertTrue(status == 200 || status == 404 || status == 409, "removing a peer: " + status);
    }

    static Http.Response addPeer(NodeProcess at, NodeProcess peer, String address, String via) throws Exception {
        JsonObject card = card(peer);
        var body = Json.createObjectBuilder()
                .add("card", card)
                .add("fingerprint", card.getString("fingerprintGrouped"))
                .add("verifiedBy", "operator of " + at.dataDir.getFileName());
        if (address != null) {
            body.add("address", address);
        }
        if (via != null) {
            body.add("via", via);
        }
        return Http.postJson(at.uri("api/v1/federation/peers"), body.build());
    }

    /** The network between A and B fails (both directions); the nodes stay up. */
    private static void cutNetwork() {
        toA.cut();
        toB.cut();
    }

    private static void healNetwork() throws Exception {
        toA.heal();
        toB.heal();
    }

    private static JsonObject card(NodeProcess n) throws Exception {
        Http.Response r = Http.get(n.uri("api/v1/federation/card"));
        assertEquals(200, r.status(), r.body());
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** Asked once per node: a node's id never changes, and the node may be down when a test needs it. */
    static String nodeId(NodeProcess n) throws Exception {
        String known = NODE_IDS.get(n.dataDir);
        if (known == null) {
            known = Http.get(n.uri("api/v1/node")).json().getString("id");
            NODE_IDS.put(n.dataDir, known);
        }
        return known;
    }

    private static String fingerprint(NodeProcess n) throws Exception {
        return Http.get(n.uri("api/v1/identity")).json().getString("fingerprint");
    }

    private static String send(NodeProcess from, NodeProcess to, String subject, String body) throws Exception {
        return send(from, to, subject, body, "P7D");
    }

    private static String send(NodeProcess from, NodeProcess to, String subject, String body, String timeToLive)
            throws Exception {
        Http.Response r = Http.postJson(
                from.uri("api/v1/messages"),
                Json.createObjectBuilder()
                        .add("to", Json.createArrayBuilder().add(nodeId(to)))
                        .add("subject", subject)
                        .add("body", body)
                        .add("timeToLive", timeToLive)
                        .build());
        assertEquals(201, r.status(), r.body());
        return Json.createReader(new StringReader(r.body())).readObject().getString("id");
    }

    private static JsonObject recipient(NodeProcess at, String id) throws Exception {
        return Http.get(at.uri("api/v1/messages/sent/" + id))
                .json()
                .getJsonArray("recipients")
                .getJsonObject(0);
    }

    private static String sentState(NodeProcess at, String id) throws Exception {
        return recipient(at, id).getString("state");
    }

    private static JsonObject awaitSentState(NodeProcess at, String id, String state) throws Exception {
        return awaitSentState(at, id, state, Duration.ofSeconds(90));
    }

    private static JsonObject awaitSentState(NodeProcess at, String id, String state, Duration within)
            throws Exception {
        Instant deadline = Instant.now().plus(within);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = recipient(at, id);
            if (state.equals(last.getString("state"))) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("message " + id + " is " + last + ", not " + state);
    }

    private static JsonObject awaitReceived(NodeProcess at, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Http.Response r = Http.get(at.uri("api/v1/messages/received/" + id));
            if (r.status() == 200) {
                return r.json();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("message " + id + " did not arrive");
    }

    private static JsonObject peer(NodeProcess at, NodeProcess peer) throws Exception {
        return Http.get(at.uri("api/v1/federation/peers/" + nodeId(peer))).json();
    }

    private static JsonObject awaitPeer(NodeProcess at, NodeProcess peer, Predicate<JsonObject> condition)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = peer(at, peer);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("peer view never met the condition: " + last);
    }
}
