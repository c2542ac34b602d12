package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.json.JsonObject;
import jakarta.transaction.UserTransaction;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.boundary.PingView;
import org.amicus.core.node.entity.PingStatus;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node archive in Payara Micro, reaching a real broker process through the Artemis resource
 * adapter and a real database (H2 or PostgreSQL): every layer, from REST to the inbox listener.
 */
@ExtendWith(ArquillianNodeSetup.class)
@ExtendWith(ArquillianExtension.class)
class NodeIT {

    private static final String INBOX = "amicus.node.inbox";

    @Deployment
    static WebArchive node() {
        return NodeArchive.withTestClasses(NodeIT.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    NodeService node;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "jms/amicus")
    ConnectionFactory connectionFactory;

    // --- as a client sees the node -------------------------------------------------------------

    @Test
    @RunAsClient
    void theNodeDescribesItselfWithItsBrokerUp() throws Exception {
        Http.Response r = Http.get(api("node"));

        assertEquals(200, r.status());
        JsonObject body = r.json();
        assertEquals("arquillian-node", body.getString("name"));
        assertTrue(body.getString("id").matches("[0-9a-f-]{36}"), body.toString());
        assertFalse(body.getString("version").isBlank());
        assertEquals("UP", body.getJsonObject("broker").getString("status"));
    }

    @Test
    @RunAsClient
    void aPingIsRecordedPostedAndDeliveredExactlyOnce() throws Exception {
        Http.Response created = Http.post(api("node/ping"));

        assertEquals(201, created.status(), created.body());
        String id = created.json().getString("id");
        assertNotNull(created.location());
        assertTrue(created.location().endsWith("/api/v1/node/pings/" + id), created.location());

        JsonObject delivered = awaitDelivered(URI.create(created.location()));
        assertEquals(1, delivered.getInt("deliveries"));
        assertFalse(delivered.isNull("deliveredAt"));
    }

    @Test
    @RunAsClient
    void aMalformedPingIdIsAProblemDetail() throws Exception {
        Http.Response r = Http.get(api("node/pings/not-a-uuid"));

        assertEquals(400, r.status());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(r.json().getString("type").endsWith("/invalid-input"));
        assertTrue(r.json().getString("detail").contains("must be a UUID"));
    }

    @Test
    @RunAsClient
    void anUnknownPingIsNotFound() throws Exception {
        Http.Response r = Http.get(api("node/pings/3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b"));

        assertEquals(404, r.status());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(r.json().getString("type").endsWith("/ping-not-found"));
    }

    @Test
    @RunAsClient
    void anUnknownAddressIsAProblemDetailToo() throws Exception {
        Http.Response r = Http.get(api("no/such/thing"));

        assertEquals(404, r.status());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    @Test
    @RunAsClient
    void healthSaysReadyAndLive() throws Exception {
        Http.Response ready = Http.get(root("health/ready"));
        Http.Response live = Http.get(root("health/live"));

        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.json().getString("status"));
        assertTrue(ready.body().contains("amicus-database") && ready.body().contains("amicus-broker"));
        assertEquals(200, live.status(), live.body());
        assertEquals("UP", live.json().getString("status"));
    }

    @Test
    @RunAsClient
    void theOpenApiDocumentDescribesTheNodeApi() throws Exception {
        Http.Response r = Http.get(root("openapi"));

        assertEquals(200, r.status());
        assertTrue(r.body().contains("/api/v1/node/ping"), r.body());
        assertTrue(r.body().contains("Amicus node API"));
    }

    @Test
    @RunAsClient
    void metricsCountInboxDeliveries() throws Exception {
        awaitDelivered(URI.create(Http.post(api("node/ping")).location()));

        Http.Response r = Http.get(root("metrics"));

        assertEquals(200, r.status());
        assertTrue(r.body().contains("amicus_inbox_delivered_total"), r.body());
    }

    @Test
    @RunAsClient
    void whileTheBrokerIsDownAPingIsRefusedAtOnceAndTheNodeRecoversByItself() throws Exception {
        TestBroker broker = ArquillianNodeEnvironment.broker;
        broker.close();
        try {
            Instant asked = Instant.now();
            Http.Response refused = Http.post(api("node/ping"));

            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertTrue(refused.json().getString("type").endsWith("/broker-unavailable"));
            assertTrue(Duration.between(asked, Instant.now()).toSeconds() < 20, "refused promptly, not hung");
            Http.Response ready = Http.get(root("health/ready"));
            assertEquals(503, ready.status(), "not ready without the broker: " + ready.body());
        } finally {
            broker.restart();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Http.Response again;
        do {
            Thread.sleep(500);
            again = Http.post(api("node/ping"));
        } while (again.status() == 503 && Instant.now().isBefore(deadline));
        assertEquals(201, again.status(), "the node reconnected to its broker: " + again.body());
        awaitDelivered(URI.create(again.location()));
    }

    // --- inside the node: transactions --------------------------------------------------------

    @Test
    void aRolledBackPingLeavesNeitherTheRowNorTheMessage() throws Exception {
        transaction.begin();
        PingView ping = node.ping();
        transaction.rollback();

        assertTrue(node.findPing(ping.id()).isEmpty(), "no row after the rollback");
        assertFalse(inboxHoldsMessageFor(ping.id().toString()), "no message in the inbox after the rollback");
    }

    @Test
    void aCommittedPingIsDeliveredByTheListenerInItsOwnTransaction() throws Exception {
        transaction.begin();
        PingView ping = node.ping();
        assertEquals(PingStatus.SENT, node.findPing(ping.id()).orElseThrow().status());
        transaction.commit();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        PingView seen = node.findPing(ping.id()).orElseThrow();
        while (seen.status() != PingStatus.DELIVERED && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            seen = node.findPing(ping.id()).orElseThrow();
        }
        assertEquals(PingStatus.DELIVERED, seen.status());
        assertEquals(1, seen.deliveries());
    }

    // --- helpers ------------------------------------------------------------------------------

    private boolean inboxHoldsMessageFor(String pingId) throws Exception {
        try (Connection c = connectionFactory.createConnection();
                Session s = c.createSession()) {
            c.start();
            try (QueueBrowser browser = s.createBrowser(s.createQueue(INBOX))) {
                var messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    Message m = (Message) messages.nextElement();
                    if (pingId.equals(m.getStringProperty("amicusRef"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private JsonObject awaitDelivered(URI ping) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            Http.Response r = Http.get(ping);
            assertEquals(200, r.status(), r.body());
            last = r.json();
            if ("DELIVERED".equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ping was not delivered within 30 s: " + last);
    }

    private URI api(String path) {
        return root("api/v1/" + path);
    }

    private URI root(String path) {
        // /health, /openapi and /metrics are served by Payara at the server root, the API under the archive's
        // context root
        if (path.startsWith("api/")) {
            return URI.create(base.toString()).resolve(path);
        }
        return URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }
}
