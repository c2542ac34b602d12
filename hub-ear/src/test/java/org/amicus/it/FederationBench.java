package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * 200 envelopes/s, from the envelope's creation on A to its storage on B (both clocks are this machine's). Each timed
 * burst also prints the CPU a message cost in every process that took part (raw: this JVM, which holds both brokers and
 * the clients; Amicus: each server, each broker, the clients), and the summary compares the two totals.
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
    /** Looked up once: {@code Json.create...} looks the provider up through the service loader at every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static {
        // one kept-alive connection for each client (the JDK keeps 5 a destination unless told otherwise)
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, CLIENTS)));
        }
    }

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
                CPU a message, every process     %8.2f ms     %8.2f ms       (%.1f x raw; moves less with the hour than the rates)
                  the same, %3d a transaction    %8.2f ms     %8.2f ms       (%.1f x raw batched)
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
                amicus[2],
                raw[4],
                amicus[4],
                amicus[4] / raw[4],
                BATCH,
                raw[5],
                amicus[5],
                amicus[5] / raw[5]);
    }

    /** A timed burst: messages a second, and the CPU a message cost in every process that took part. */
    record Burst(double rate, double cpuMs) {}

    /** Rate, latency p50 and p99, batched rate, CPU a message one a transaction and batched: what the summary prints. */
    private static double[] figures(Burst one, Burst batched, List<Double> latencies) {
        return new double[] {
            one.rate(),
            percentile(latencies, 50),
            percentile(latencies, 99),
            batched.rate(),
            one.cpuMs(),
            batched.cpuMs()
        };
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
                Burst throughput = rawBurst(producerCtx, producer, queue, consumer, consumerCtx, ENVELOPES, 1);
                Burst batched;
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
                return figures(throughput, batched, latencies);
            }
        } finally {
            a.broker().stop();
            b.broker().stop();
        }
    }

    /**
     * {@code n} messages through the raw bridge, {@code perTransaction} to a transaction on both sides. Both brokers,
     * the producer and the consumer run in this JVM, so its CPU is all that the messages cost.
     */
    private static Burst rawBurst(
            JMSContext ctx,
            JMSProducer producer,
            jakarta.jms.Queue queue,
            JMSConsumer consumer,
            JMSContext consumerCtx,
            int n,
            int perTransaction)
            throws Exception {
        Duration cpuBefore = ownCpu();
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
        double rate = n / ((System.nanoTime() - start) / 1e9);
        double cpuMs = ownCpu().minus(cpuBefore).toNanos() / 1e6 / n;
        System.out.printf(
                Locale.ROOT,
                "raw Artemis, %d messages, %d a transaction: %.0f/s; CPU a message (both brokers and the clients) %.2f ms%n",
                n,
                perTransaction,
                rate,
                cpuMs);
        return new Burst(rate, cpuMs);
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
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

            Thread.sleep(5_000);
            CpuSnapshot idle = CpuSnapshot.of(a, b);
            Thread.sleep(10_000);
            System.out.printf(
                    "idle, CPU a second (timers, links, jobs): %s%n",
                    CpuSnapshot.of(a, b).perEnvelopeSince(idle, 10).replace(" ms", " ms/s"));
            burst(a, b, to, WARMUP, 1); // warm-up: the link is up, the JIT has compiled the paths
            Burst throughput = burst(a, b, to, ENVELOPES, 1);
            burst(a, b, to, WARMUP, BATCH);
            Burst batched = burst(a, b, to, ENVELOPES, BATCH);

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
            // the steady phase's own envelopes only (the newest stored), at most the last 1,000 of them: at a low rate
            // a fixed 1,000 would take in envelopes of the batched burst before, with its queueing
            JsonArray received = Http.get(b.uri("api/v1/messages/received?limit=" + Math.min(n, 1000)))
                    .jsonArray();
            List<Double> latencies = new ArrayList<>();
            for (var v : received) {
                JsonObject r = v.asJsonObject();
                latencies.add((double) Duration.between(
                                Instant.parse(r.getString("created")), Instant.parse(r.getString("receivedAt")))
                        .toMillis());
            }
            return figures(throughput, batched, latencies);
        }
    }

    /**
     * CPU time of each process that takes part, read from the operating system before and after a burst: what an
     * envelope costs where, less exposed to a slow hour than the rate (which moves with whatever else the two cores
     * do). The benchmark's own JVM is the HTTP clients (the raw brokers are stopped by then).
     */
    record CpuSnapshot(Map<String, Duration> byProcess) {
        static CpuSnapshot of(NodeProcess a, NodeProcess b) {
            Map<String, Duration> m = new LinkedHashMap<>();
            m.put("A server", cpu(a, "payara-micro.jar"));
            m.put("A broker", cpu(a, "BrokerMain"));
            m.put("B server", cpu(b, "payara-micro.jar"));
            m.put("B broker", cpu(b, "BrokerMain"));
            m.put("clients", ownCpu());
            return new CpuSnapshot(m);
        }

        private static Duration cpu(NodeProcess node, String marker) {
            return node.handle()
                    .descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(marker))
                    .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                    .reduce(Duration.ZERO, Duration::plus);
        }

        /** The CPU an envelope of all the processes together since {@code before}, in ms. */
        double totalMsSince(CpuSnapshot before, int envelopes) {
            return byProcess.keySet().stream()
                    .mapToDouble(process -> msSince(before, process, envelopes))
                    .sum();
        }

        private double msSince(CpuSnapshot before, String process, int envelopes) {
            return byProcess.get(process).minus(before.byProcess.get(process)).toNanos() / 1e6 / envelopes;
        }

        /** "A server 4.1, A broker 1.6, ... ms" of CPU an envelope since {@code before}. */
        String perEnvelopeSince(CpuSnapshot before, int envelopes) {
            StringBuilder sb = new StringBuilder();
            for (String process : byProcess.keySet()) {
                sb.append(String.format(Locale.ROOT, "%s %.2f, ", process, msSince(before, process, envelopes)));
            }
            return sb.append(String.format(Locale.ROOT, "all %.2f ms", totalMsSince(before, envelopes)))
                    .toString();
        }
    }

    /**
     * {@code n} envelopes posted by the clients, {@code perRequest} to a request; B's storing rate. Each client
     * posts and waits for the answer before its next post, over a kept-alive connection of the JDK's
     * {@link HttpURLConnection}, with its JSON built by one provider looked up once. The clients share the two cores
     * with the nodes: with the JDK's asynchronous {@code HttpClient} and {@code Json.create...} at every message (until
     * 2026-12-03) they took 2.8 ms of CPU an envelope, now 1.0 ms (docs/performance.md).
     */
    private static Burst burst(NodeProcess a, NodeProcess b, String to, int n, int perRequest) throws Exception {
        double before = accepted(b);
        CpuSnapshot cpuBefore = CpuSnapshot.of(a, b);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                for (int i; (i = next.getAndAdd(perRequest)) < n; ) {
                    try {
                        int count = Math.min(perRequest, n - i);
                        String failure = count == 1 && perRequest == 1
                                ? postAndRead(a, "api/v1/messages", message(to, "burst " + i))
                                : postAndRead(a, "api/v1/messages/batch", batch(to, i, count));
                        if (failure != null) {
                            failures.add(failure);
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
        CpuSnapshot cpuAfter = CpuSnapshot.of(a, b);
        System.out.printf(
                "burst of %d, %d per request: A answered 201 at %.0f/s (seal, rows, queue), B stored at %.0f/s%n"
                        + "  CPU an envelope: %s%n",
                n, perRequest, posted, stored, cpuAfter.perEnvelopeSince(cpuBefore, n));
        return new Burst(stored, cpuAfter.totalMsSince(cpuBefore, n));
    }

    private static JsonObject message(String to, String subject) {
        return JSON.createObjectBuilder()
                .add("to", JSON.createArrayBuilder().add(to))
                .add("subject", subject)
                .add("body", BODY)
                .add("timeToLive", "P1D")
                .build();
    }

    private static JsonObject batch(String to, int first, int count) {
        var list = JSON.createArrayBuilder();
        for (int i = first; i < first + count; i++) {
            list.add(message(to, "batch " + i));
        }
        return JSON.createObjectBuilder().add("messages", list).build();
    }

    /** Posts {@code body}; null if the node answered 201, else its status and answer. */
    private static String postAndRead(NodeProcess a, String path, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpURLConnection c = (HttpURLConnection) a.uri(path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(bytes.length);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(600_000);
        c.setRequestProperty("Authorization", Http.authorization(a.uri(path)));
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        }
        int status = c.getResponseCode();
        // read to the end and close: the connection goes back to the keep-alive cache for the next post
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return status == 201 ? null : status + " " + answer;
        }
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

    /**
     * Waits until B has stored {@code count} envelopes in all. B's metrics are read ten times a second: each read
     * renders all of B's metrics, and reading them fifty times a second (as this benchmark did until 2026-12-03)
     * cost B's server a few tenths of a millisecond of CPU per envelope stored (5.1 against 4.8 ms, one run each),
     * which is not what the figure is about. The end of a burst is thus seen up to 0.1 s late (under 1 %
     * of a burst of 3,000).
     */
    private static void awaitAccepted(NodeProcess b, double count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (accepted(b) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("B stored " + accepted(b) + " of " + count);
            }
            Thread.sleep(100);
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
