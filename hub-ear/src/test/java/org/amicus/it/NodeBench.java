package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * The node benchmark (not a timed test: it prints figures, see docs/performance.md). Run with
 * {@code ./mvnw -Pbench verify -pl hub-ear -am}. Measures, on a node started by the launcher:
 * launch-to-ready time, idle resident memory of the server and the broker, and the ping path (REST
 * and XA commit; listener delivery; whole round trip), next to raw Artemis round trips on the same
 * broker in the same run.
 */
class NodeBench {

    private static final int WARMUP = Integer.getInteger("amicus.bench.warmup", 300);
    private static final int PINGS = Integer.getInteger("amicus.bench.pings", 1000);

    @Test
    void nodeFigures() throws Exception {
        Path data = NodeLauncherIT.freshDataDir("bench");
        Duration firstReady;
        try (NodeProcess first = NodeProcess.start(data)) {
            firstReady = awaitReady(first);
            first.awaitReady();
            assertEquals(0, first.stop());
        }
        try (NodeProcess node = NodeProcess.start(data)) {
            Duration ready = awaitReady(node);
            node.awaitReady();
            String launcherSays = node.stdout()
                    .lines()
                    .filter(l -> l.contains("is ready"))
                    .findFirst()
                    .orElse("");

            Thread.sleep(10_000); // settle, then measure idle memory
            long serverRss = rssOf(node, "payara-micro.jar");
            long brokerRss = rssOf(node, "BrokerMain");

            for (int i = 0; i < WARMUP; i++) {
                roundTrip(node);
            }
            List<Double> post = new ArrayList<>();
            List<Double> delivery = new ArrayList<>();
            List<Double> roundTrip = new ArrayList<>();
            for (int i = 0; i < PINGS; i++) {
                double[] t = roundTrip(node);
                post.add(t[0]);
                delivery.add(t[1]);
                roundTrip.add(t[2]);
            }
            List<Double> raw = rawArtemisRoundTrips(node, data);

            System.out.printf(
                    Locale.ROOT,
                    """

                    ===== Amicus node benchmark (%s, %d pings after %d warm-up, %d cores) =====
                    launch to /health/ready UP      %.1f s   (first start of a new node: %.1f s)
                    launcher says                   %s
                    idle RSS, Payara Micro server   %d MiB
                    idle RSS, Artemis broker        %d MiB
                    ping POST (REST + XA commit)    p50 %.2f ms   p99 %.2f ms
                    ping delivery (commit -> MDB)   p50 %.2f ms   p99 %.2f ms   (server clock)
                    ping round trip (POST -> seen)  p50 %.2f ms   p99 %.2f ms
                    raw Artemis persistent send+receive on the same broker
                                                    p50 %.2f ms   p99 %.2f ms
                    =====
                    """,
                    ItEnvironment.postgres() ? "PostgreSQL" : "H2",
                    PINGS,
                    WARMUP,
                    Runtime.getRuntime().availableProcessors(),
                    ready.toMillis() / 1000.0,
                    firstReady.toMillis() / 1000.0,
                    launcherSays.strip(),
                    serverRss / 1024,
                    brokerRss / 1024,
                    pct(post, 50),
                    pct(post, 99),
                    pct(delivery, 50),
                    pct(delivery, 99),
                    pct(roundTrip, 50),
                    pct(roundTrip, 99),
                    pct(raw, 50),
                    pct(raw, 99));
            assertEquals(0, node.stop());
        }
    }

    /** POST a ping, poll until delivered: {POST ms, server-side delivery ms, client round trip ms}. */
    private static double[] roundTrip(NodeProcess node) throws Exception {
        long t0 = System.nanoTime();
        Http.Response created = Http.post(node.uri("api/v1/node/ping"));
        long t1 = System.nanoTime();
        assertEquals(201, created.status(), created.body());
        URI ping = URI.create(created.location());
        while (true) {
            var body = Http.get(ping).json();
            if ("DELIVERED".equals(body.getString("status"))) {
                long t2 = System.nanoTime();
                double delivery = Duration.between(
                                        Instant.parse(body.getString("sentAt")),
                                        Instant.parse(body.getString("deliveredAt")))
                                .toNanos()
                        / 1e6;
                return new double[] {(t1 - t0) / 1e6, delivery, (t2 - t0) / 1e6};
            }
            Thread.sleep(1); // poll gently: the client shares the machine's cores with the node
        }
    }

    private static List<Double> rawArtemisRoundTrips(NodeProcess node, Path data) throws IOException {
        Properties credential = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve("secrets/broker.properties"), StandardCharsets.UTF_8)) {
            credential.load(r);
        }
        List<Double> times = new ArrayList<>();
        try (var factory = new ActiveMQConnectionFactory(
                        "tcp://127.0.0.1:" + node.brokerPort,
                        credential.getProperty("user"),
                        credential.getProperty("password"));
                JMSContext ctx = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue queue = ctx.createQueue("amicus.diagnostics");
            JMSProducer producer = ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            JMSConsumer consumer = ctx.createConsumer(queue);
            for (int i = 0; i < WARMUP + PINGS; i++) {
                long t0 = System.nanoTime();
                producer.send(queue, "ping " + i);
                ctx.commit();
                consumer.receive(5_000);
                ctx.commit();
                if (i >= WARMUP) {
                    times.add((System.nanoTime() - t0) / 1e6);
                }
            }
        } catch (Exception e) {
            throw new IOException("raw Artemis round trips failed", e);
        }
        return times;
    }

    private static Duration awaitReady(NodeProcess node) throws Exception {
        Instant start = Instant.now();
        while (true) {
            try {
                Http.Response r = Http.get(node.uri("health/ready"));
                if (r.status() == 200 && r.body().contains("amicus-database")) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!node.isAlive()) {
                throw new AssertionError("the node died: " + node.stderr());
            }
            Thread.sleep(50);
        }
    }

    /** Resident set size in KiB of the node's child process whose command line contains the marker. */
    private static long rssOf(NodeProcess node, String marker) throws IOException {
        for (ProcessHandle p : node.handle().descendants().toList()) {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains(marker)) {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            }
        }
        throw new IllegalStateException("no process with " + marker + " below the launcher");
    }

    private static double pct(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
