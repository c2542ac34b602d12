package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole nodes started with the launcher as separate processes: a clean start and stop, and a restart
 * with a message waiting in the inbox and its row in the database.
 */
class NodeLauncherIT {

    private static final String INBOX = "amicus.node.inbox";
    private static final String DIAGNOSTICS = "amicus.diagnostics";

    @BeforeEach
    void emptyDatabase() {
        ItEnvironment.resetDatabase();
    }

    @Test
    void aRestartKeepsTheWaitingMessageAndTheRowAndProcessesTheMessageOnce() throws Exception {
        Path data = freshDataDir("restart");
        URI pingUri;
        String nodeId;
        String fingerprint;
        try (NodeProcess node = NodeProcess.start(data).awaitReady()) {
            assertTrue(node.stdout().contains("/api/v1/node"), node.stdout());
            nodeId = Http.get(node.uri("api/v1/node")).json().getString("id");
            // the first start created the organisation key, protected, owner-only, bound to this node
            Path keyFile = data.resolve("keys/organisation.key");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            JsonObject identity = Http.get(node.uri("api/v1/identity")).json();
            fingerprint = identity.getString("fingerprint");
            assertTrue(identity.getString("userId").startsWith("Amicus node " + nodeId + " ("), identity.toString());
            assertFalse(
                    Files.readString(keyFile, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(NodeProcess.PASSPHRASE),
                    "the passphrase is not in the key file");

            assertOnlyOneNodePerDataDirectory(data);
            assertEquals(
                    Long.toString(node.pid()),
                    Files.readString(data.resolve("node.lock")).trim(),
                    "node.lock names the running launcher, also after a second node was refused");

            try (BrokerAdmin broker = new BrokerAdmin(node.brokerPort, data.resolve("secrets/broker.properties"))) {
                broker.pause(INBOX);
                Http.Response created = Http.post(node.uri("api/v1/node/ping"));
                assertEquals(201, created.status(), created.body());
                pingUri = URI.create(created.location());
                assertEquals(1, broker.messageCount(INBOX), "the ping waits in the inbox");
            }
            assertEquals("SENT", Http.get(pingUri).json().getString("status"));

            assertEquals(0, node.stop(), "a stop is clean: " + node.stderr());
            assertTrue(node.stdout().contains("The Amicus node has stopped."), node.stdout());
            assertEquals("", Files.readString(data.resolve("node.lock")), "no stale process id");
            assertPortsFree(node);
        }

        try (NodeProcess node = NodeProcess.start(data).awaitReady()) {
            URI samePing = URI.create("http://127.0.0.1:" + node.httpPort + pingUri.getPath());
            assertEquals(nodeId, Http.get(node.uri("api/v1/node")).json().getString("id"), "same node identity");
            assertEquals(
                    fingerprint,
                    Http.get(node.uri("api/v1/identity")).json().getString("fingerprint"),
                    "the same organisation key, loaded again");
            assertEquals("SENT", Http.get(samePing).json().getString("status"), "the row survived");

            try (BrokerAdmin broker = new BrokerAdmin(node.brokerPort, data.resolve("secrets/broker.properties"))) {
                assertEquals(1, broker.messageCount(INBOX), "the message survived");
                broker.resume(INBOX);

                JsonObject delivered = awaitDelivered(samePing);
                assertEquals(1, delivered.getInt("deliveries"), "processed exactly once");
                awaitEmpty(broker);
            }
            assertNoCleartextHttp2(node);
            assertListensOnlyWhereTold(node);
            assertEquals(0, node.interrupt(), "Ctrl-C stops the node cleanly: " + node.stderr());
            assertPortsFree(node);
        }
    }

    @Test
    void onATerminalThePassphraseIsAskedForTwiceForANewKeyAndOnceLater() throws Exception {
        Path data = freshDataDir("terminal");
        try (NodeProcess differing = NodeProcess.startOnTerminal(data, "first passphrase typed", "second one typed")) {
            assertEquals(3, differing.awaitExit(Duration.ofSeconds(60)), differing.stdout());
            assertTrue(
                    differing.stdout().contains("the two passphrases differ; nothing was created"), differing.stdout());
            assertFalse(Files.exists(data.resolve("keys/organisation.key")));
        }

        String fingerprint;
        try (NodeProcess node = NodeProcess.startOnTerminal(data, "typed on the terminal", "typed on the terminal")
                .awaitReady()) {
            fingerprint = Http.get(node.uri("api/v1/identity")).json().getString("fingerprintGrouped");
            assertTrue(node.stdout().contains("Identity   " + fingerprint), node.stdout());
            assertEquals(0, node.stop());
        }

        try (NodeProcess wrong = NodeProcess.startOnTerminal(data, "not what was typed before")) {
            assertEquals(3, wrong.awaitExit(Duration.ofSeconds(60)), wrong.stdout());
            assertTrue(
                    wrong.stdout().contains("the passphrase does not unlock it (the key file is unchanged)"),
                    wrong.stdout());
        }
    }

    /** The server and broker processes are gone: their ports can be taken again. */
    /**
     * A client asking to upgrade to cleartext HTTP/2 (h2c), as the JDK's HTTP client does by default, gets a plain
     * HTTP/1.1 answer, and the next client too: the listener speaks HTTP/1.1 only (an h2c upgrade once deadlocked two
     * of its worker threads, threat-model.md).
     */
    private static void assertNoCleartextHttp2(NodeProcess node) throws Exception {
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", node.httpPort)) {
                s.setSoTimeout(15_000);
                s.getOutputStream()
                        .write(("GET /api/v1/node HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                                        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n"
                                        + "Authorization: " + Http.authorization(node.uri("api/v1/node"))
                                        + "\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        s.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
                String status = in.readLine();
                assertTrue(status != null && status.startsWith("HTTP/1.1 200"), "answered as HTTP/1.1: " + status);
                String header;
                while ((header = in.readLine()) != null && !header.isEmpty()) {
                    assertFalse(header.toLowerCase(java.util.Locale.ROOT).startsWith("upgrade:"), header);
                }
            }
        }
        assertEquals(200, Http.get(node.uri("api/v1/node")).status(), "and the node goes on answering");
    }

    private static void assertPortsFree(NodeProcess node) throws IOException {
        for (int port : new int[] {node.httpPort, node.brokerPort}) {
            try (var s = new java.net.ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    /**
     * What an operator sees with {@code ss -ltnp}: the API and the broker on loopback, the federation acceptor on its
     * port, and nothing else. Payara Micro ignores {@code --nohazelcast} when {@code --nocluster} is also given: the
     * node then ran a Hazelcast member on port 6900 of every interface, unauthenticated.
     */
    private static void assertListensOnlyWhereTold(NodeProcess node) throws IOException {
        java.util.SortedSet<String> listening = node.listeningAddresses();
        java.util.Set<String> told = java.util.Set.of("127.0.0.1:" + node.httpPort, "127.0.0.1:" + node.brokerPort);
        assertTrue(listening.containsAll(told), "the API and the broker listen on loopback: " + listening);
        assertEquals(
                java.util.List.of(),
                listening.stream()
                        .filter(a -> !told.contains(a) && !a.endsWith(":" + node.federationPort))
                        .toList(),
                "nothing else listens: " + listening);
    }

    private static void assertOnlyOneNodePerDataDirectory(Path data) throws Exception {
        try (NodeProcess second = NodeProcess.start(data)) {
            assertEquals(3, second.awaitExit(Duration.ofSeconds(60)));
            assertTrue(
                    second.stderr().contains("another node is already running with the data directory"),
                    second.stderr());
        }
    }

    private static JsonObject awaitDelivered(URI ping) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = Http.get(ping).json();
            if ("DELIVERED".equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not delivered within 60 s: " + last);
    }

    private static void awaitEmpty(BrokerAdmin broker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (broker.messageCount(INBOX) != 0) {
            assertFalse(Instant.now().isAfter(deadline), "the inbox was not emptied");
            Thread.sleep(100);
        }
    }

    /**
     * A node killed while a transaction was prepared in the broker and another in the database (neither decided):
     * at the next start both are rolled back before the application runs, the message goes back to its queue
     * and the row's lock is gone (presumed abort, ADR 9).
     */
    @Test
    void aNodeRestartedAfterACrashRollsBackWhatTheCrashLeftInDoubt() throws Exception {
        Path data = freshDataDir("in-doubt");
        NodeProcess node = NodeProcess.start(data).awaitReady();
        java.util.Properties credential = new java.util.Properties();
        try (var in = Files.newInputStream(data.resolve("secrets/broker.properties"))) {
            credential.load(in);
        }
        var factory = new org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory(
                "tcp://127.0.0.1:" + node.brokerPort,
                credential.getProperty("user"),
                credential.getProperty("password"));
        String probe = "in-doubt probe " + java.util.UUID.randomUUID();
        try (jakarta.jms.JMSContext ctx = factory.createContext()) {
            ctx.createProducer().send(ctx.createQueue(DIAGNOSTICS), probe);
        }
        jakarta.jms.XAJMSContext xa = factory.createXAContext();
        javax.transaction.xa.XAResource resource = xa.getXAResource();
        javax.transaction.xa.Xid xid = new org.apache.activemq.artemis.core.transaction.impl.XidImpl(
                new byte[] {7}, 4711, java.util.UUID.randomUUID().toString().getBytes());
        resource.start(xid, javax.transaction.xa.XAResource.TMNOFLAGS);
        assertTrue(probe.equals(xa.getContext()
                .createConsumer(xa.createQueue(DIAGNOSTICS))
                .receive(5_000)
                .getBody(String.class)));
        resource.end(xid, javax.transaction.xa.XAResource.TMSUCCESS);
        resource.prepare(xid);
        node.kill();
        xa.close();
        String gid = InDoubtDatabase.prepareOne(data); // with the node down, as a crash leaves the database

        node = restarted(node);
        try {
            try (jakarta.jms.JMSContext ctx = factory.createContext()) {
                jakarta.jms.Message back =
                        ctx.createConsumer(ctx.createQueue(DIAGNOSTICS)).receive(10_000);
                assertTrue(back != null && probe.equals(back.getBody(String.class)), "the message is back: " + back);
            }
            assertTrue(
                    java.util.regex.Pattern.compile("AMICUS-RECOVERY-001 [1-9][0-9]* database transaction")
                            .matcher(node.serverLog())
                            .find(),
                    "the rollback is logged (a count, no content)");
        } finally {
            assertEquals(0, node.stop());
            node.close();
        }
        InDoubtDatabase.assertEnded(data, gid);
    }

    private static NodeProcess restarted(NodeProcess n) throws Exception {
        return NodeProcess.start(
                        n.dataDir,
                        n.httpPort,
                        n.brokerPort,
                        true,
                        "--federation-port",
                        Integer.toString(n.federationPort))
                .awaitReady();
    }

    static Path freshDataDir(String name) throws IOException {
        Path dir = ItEnvironment.work().resolve("nodes").resolve(name);
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir.getParent());
        return dir;
    }
}
