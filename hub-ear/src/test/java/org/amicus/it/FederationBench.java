package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.broker.FederationPeersFile;
import org.amicus.messaging.broker.FederationSettings;
import org.amicus.messaging.broker.NodeBroker;
import org.amicus.messaging.broker.PeerLink;
import org.amicus.messaging.envelope.TlsIdentity;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The federation benchmark (issue 4; prints figures, see docs/performance.md). Run with
 * {@code ./mvnw -Pbench verify -pl hub-ear -Dit.test=FederationBench}. In one run:
 *
 * <ol>
 *   <li>raw Artemis: two node brokers (the same {@link NodeBroker} configuration, journal and TLS
 *       bridge the nodes use) in this JVM, a client sending 1 KiB persistent messages into A's outbound
 *       queue for B and a transacted consumer on B's inbound queue;
 *   <li>Amicus: two node processes started by the launcher, peered; clients on A post 1 KiB messages
 *       ({@code POST /api/v1/messages}: sealed, stored, queued in one XA transaction), counted when B
 *       has opened and stored them (its {@code accepted} counter).
 * </ol>
 *
 * Throughput is sustained end to end (first send to last stored); latency is measured at a steady
 * 200 envelopes/s, from the envelope's creation on A to its storage on B (both clocks are this machine's).
 */
class FederationBench {

    private static final int ENVELOPES = Integer.getInteger("amicus.bench.envelopes", 3000);
    private static final int CLIENTS = Integer.getInteger("amicus.bench.clients", 8);
    private static final int WARMUP = Integer.getInteger("amicus.bench.warmup", 300);
    private static final int RATE = Integer.getInteger("amicus.bench.rate", 200);
    private static final String SERVER_JIT = System.getProperty("amicus.bench.serverJit", "c1");
    private static final int STEADY_SECONDS = Integer.getInteger("amicus.bench.steadySeconds", 10);
    private static final int BATCH = Integer.getInteger("amicus.bench.batch", 50);
    private static final byte[] KIB = new byte[1024];
    private static final String BODY = "x".repeat(1024);

    @Test
    void federationFigures() throws Exception {
        double[] raw = rawArtemis();
        double[] amicus = amicusNodes();
        double ratio = amicus[0] / raw[0];
        System.out.printf(
                Locale.ROOT,
                """

                ===== Amicus federation benchmark (%d envelopes of 1 KiB, %d clients; latency at %d/s for %d s; server JIT %s; %d cores) =====
                                                  raw Artemis      Amicus          target
                throughput, end to end            %8.0f/s      %8.0f/s       >= 1,000/s and >= 0.25 x raw (%.2f x)
                  the same, %3d a transaction    %8.0f/s      %8.0f/s       (%.2f x raw batched; Amicus: %d a request)
                latency p50 at %d/s               %8.1f ms     %8.1f ms       <= raw + 15 ms
                latency p99 at %d/s               %8.1f ms     %8.1f ms
                =====
                """,
                ENVELOPES,
                CLIENTS,
                RATE,
                STEADY_SECONDS,
                SERVER_JIT,
                Runtime.getRuntime().availableProcessors(),
                raw[0],
                amicus[0],
                ratio,
                BATCH,
                raw[3],
                amicus[3],
                amicus[3] / raw[3],
                BATCH,
                RATE,
                raw[1],
                amicus[1],
                RATE,
                raw[2],
                amicus[2]);
    }

    // --- raw Artemis on the same two-broker bridge -----------------------------------------------

    record RawNode(String id, int port, int federationPort, TlsIdentity tls, FederationSettings f, NodeBroker broker) {
        PeerLink asPeer() throws Exception {
            return new PeerLink(
                    id,
                    "127.0.0.1",
                    federationPort,
                    tls.spkiSha256(),
                    tls.certificate().getEncoded(),
                    true);
        }

        ActiveMQConnectionFactory local() {
            return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, "bench", "bench-password");
        }
    }

    private static double[] rawArtemis() throws Exception {
        Path dir = Files.createDirectories(ItEnvironment.work().resolve("bench-raw-" + UUID.randomUUID()));
        RawNode a = rawNode(dir.resolve("a"));
        RawNode b = rawNode(dir.resolve("b"));
        try {
            a.broker().start();
            b.broker().start();
            FederationPeersFile.write(a.f().peersFile(), List.of(b.asPeer()));
            FederationPeersFile.write(b.f().peersFile(), List.of(a.asPeer()));
            String out = BrokerSettings.FEDERATION_OUT_PREFIX + b.id();
            try (JMSContext producerCtx = a.local().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                    JMSContext consumerCtx = b.local().createContext(JMSContext.SESSION_TRANSACTED)) {
                JMSConsumer consumer =
                        consumerCtx.createConsumer(consumerCtx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE));
                JMSProducer producer = producerCtx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                var queue = producerCtx.createQueue(out);
                // warm-up, and the link is up
                rawBurst(producerCtx, producer, queue, consumer, consumerCtx, 500, 1);
                double throughput = rawBurst(producerCtx, producer, queue, consumer, consumerCtx, ENVELOPES, 1);
                double batched;
                try (JMSContext batchCtx = a.local().createContext(JMSContext.SESSION_TRANSACTED)) {
                    JMSProducer batchProducer = batchCtx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                    rawBurst(batchCtx, batchProducer, queue, consumer, consumerCtx, 500, BATCH);
                    batched = rawBurst(batchCtx, batchProducer, queue, consumer, consumerCtx, ENVELOPES, BATCH);
                }
                List<Double> latencies = new ArrayList<>();
                long start = System.nanoTime();
                int n = RATE * STEADY_SECONDS;
                Thread receiver = new Thread(() -> {
                    for (int i = 0; i < n; i++) {
                        var m = consumer.receive(30_000);
                        if (m == null) {
                            return;
                        }
                        try {
                            latencies.add((System.nanoTime() - m.getLongProperty("sentNanos")) / 1e6);
                        } catch (Exception e) {
                            return;
                        }
                        consumerCtx.commit();
                    }
                });
                receiver.start();
                for (int i = 0; i < n; i++) {
                    pace(start, i);
                    BytesMessage m = producerCtx.createBytesMessage();
                    m.writeBytes(KIB);
                    m.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
                    m.setLongProperty("sentNanos", System.nanoTime());
                    producer.send(queue, m);
                }
                receiver.join(60_000);
                assertEquals(n, latencies.size(), "raw Artemis delivered every message");
                return new double[] {throughput, percentile(latencies, 50), percentile(latencies, 99), batched};
            }
        } finally {
            a.broker().stop();
            b.broker().stop();
        }
    }

    private static double rawBurst(
            JMSContext ctx,
            JMSProducer producer,
            jakarta.jms.Queue queue,
            JMSConsumer consumer,
            JMSContext consumerCtx,
            int n,
            int perTransaction)
            throws Exception {
        long start = System.nanoTime();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                BytesMessage m = ctx.createBytesMessage();
                try {
                    m.writeBytes(KIB);
                    m.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                producer.send(queue, m);
                if (perTransaction > 1 && ((i + 1) % perTransaction == 0 || i == n - 1)) {
                    ctx.commit();
                }
            }
        });
        sender.start();
        for (int i = 0; i < n; i++) {
            if (consumer.receive(60_000) == null) {
                throw new AssertionError("raw Artemis lost messages: " + i + " of " + n);
            }
            if ((i + 1) % perTransaction == 0 || i == n - 1) {
                consumerCtx.commit();
            }
        }
        sender.join();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    static RawNode rawNode(Path data) throws Exception {
        Files.createDirectories(data.resolve("federation"));
        char[] password = "bench-store-password".toCharArray();
        TlsIdentity tls =
                TlsIdentity.create(data.resolve("tls.p12"), password, "bench " + data.getFileName(), Instant.now());
        int federationPort = ItEnvironment.freePort();
        FederationSettings f = new FederationSettings(
                "127.0.0.1",
                federationPort,
                data.resolve("tls.p12"),
                new String(password),
                data.resolve("federation/peers.properties"),
                data.resolve("federation/links.properties"),
                3_000);
        int port = ItEnvironment.freePort();
        // 100 µs journal buffer timeout: the node broker's default
        NodeBroker broker = new NodeBroker(
                new BrokerSettings(data.resolve("broker"), "127.0.0.1", port, "bench", "bench-password", 100_000), f);
        return new RawNode(UUID.randomUUID().toString(), port, federationPort, tls, f, broker);
    }

    // --- Amicus nodes ---------------------------------------------------------------------------

    private static double[] amicusNodes() throws Exception {
        Path root = ItEnvironment.work().resolve("bench-federation-" + UUID.randomUUID());
        NodeProcess a = NodeProcess.start(
                root.resolve("a"),
                ItEnvironment.freePort(),
                ItEnvironment.freePort(),
                false,
                "--server-jit",
                SERVER_JIT);
        NodeProcess b = NodeProcess.start(
                root.resolve("b"),
                ItEnvironment.freePort(),
                ItEnvironment.freePort(),
                false,
                "--server-jit",
                SERVER_JIT);
        try (a;
                b) {
            a.awaitReady();
            b.awaitReady();
            assertEquals(201, FederationIT.addPeer(a, b).status());
            assertEquals(201, FederationIT.addPeer(b, a).status());
            String to = FederationIT.nodeId(b);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(CLIENTS))
                    .build();

            burst(client, a, b, to, WARMUP, 1); // warm-up: the link is up, the JIT has compiled the paths
            double throughput = burst(client, a, b, to, ENVELOPES, 1);
            burst(client, a, b, to, WARMUP, BATCH);
            double batched = burst(client, a, b, to, ENVELOPES, BATCH);

            int n = RATE * STEADY_SECONDS;
            double before = accepted(b);
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pace(start, i);
                sent.add(client.sendAsync(
                        post(a, "api/v1/messages", message(to, "steady " + i)), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            awaitAccepted(b, before + n);
            JsonArray received =
                    Http.get(b.uri("api/v1/messages/received?limit=1000")).jsonArray();
            List<Double> latencies = new ArrayList<>();
            for (var v : received) {
                JsonObject r = v.asJsonObject();
                latencies.add((double) Duration.between(
                                Instant.parse(r.getString("created")), Instant.parse(r.getString("receivedAt")))
                        .toMillis());
            }
            return new double[] {throughput, percentile(latencies, 50), percentile(latencies, 99), batched};
        }
    }

    /** {@code n} envelopes posted by the clients, {@code perRequest} to a request; B's storing rate. */
    private static double burst(HttpClient client, NodeProcess a, NodeProcess b, String to, int n, int perRequest)
            throws Exception {
        double before = accepted(b);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                for (int i; (i = next.getAndAdd(perRequest)) < n; ) {
                    try {
                        int count = Math.min(perRequest, n - i);
                        HttpResponse<String> r = client.send(
                                count == 1 && perRequest == 1
                                        ? post(a, "api/v1/messages", message(to, "burst " + i))
                                        : post(a, "api/v1/messages/batch", batch(to, i, count)),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.MINUTES);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " sends failed, e.g. " + failures.peek());
        }
        double posted = n / ((System.nanoTime() - start) / 1e9);
        awaitAccepted(b, before + n);
        double stored = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf(
                "burst of %d, %d per request: A answered 201 at %.0f/s (seal, rows, queue), B stored at %.0f/s%n",
                n, perRequest, posted, stored);
        return stored;
    }

    private static JsonObject message(String to, String subject) {
        return Json.createObjectBuilder()
                .add("to", Json.createArrayBuilder().add(to))
                .add("subject", subject)
                .add("body", BODY)
                .add("timeToLive", "P1D")
                .build();
    }

    private static JsonObject batch(String to, int first, int count) {
        var list = Json.createArrayBuilder();
        for (int i = first; i < first + count; i++) {
            list.add(message(to, "batch " + i));
        }
        return Json.createObjectBuilder().add("messages", list).build();
    }

    private static HttpRequest post(NodeProcess a, String path, JsonObject body) {
        return HttpRequest.newBuilder(a.uri(path))
                .header("Authorization", Http.authorization(a.uri(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static double accepted(NodeProcess n) throws Exception {
        String metrics = Http.get(n.uri("metrics")).body();
        var m = java.util.regex.Pattern.compile(
                        "amicus_federation_received_total\\{[^}]*outcome=\"accepted\"[^}]*\\}\\s+([0-9.eE+]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void awaitAccepted(NodeProcess b, double count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (accepted(b) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("B stored " + accepted(b) + " of " + count);
            }
            Thread.sleep(20);
        }
    }

    private static void pace(long startNanos, int i) throws InterruptedException {
        long due = startNanos + (long) i * 1_000_000_000L / RATE;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
