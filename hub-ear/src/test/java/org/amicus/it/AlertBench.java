package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.broker.FederationPeersFile;
import org.junit.jupiter.api.Test;

/**
 * The alert benchmark (issue 7; prints figures, see docs/performance.md). Run with
 * {@code ./mvnw -Pbench verify -pl hub-ear -Dit.test=AlertBench -Dfailsafe.failIfNoSpecifiedTests=false}. In one
 * run, with a backlog of {@value #DEFAULT_BACKLOG} routine 1 KiB envelopes queued from A to B and B draining it:
 *
 * <ol>
 *   <li>raw Artemis: the two node brokers of {@link FederationBench} (the nodes' configuration: bridge, divert of
 *       priority 9 to the priority queue) in this JVM, the backlog sent into A's outbound queue at priority 4, then
 *       one message at priority 9; a transacted consumer on B's inbound queue drains the backlog, another on its
 *       priority queue waits for the message. Figure: from sending the priority message to B consuming it.
 *   <li>Amicus: two node processes; A's link to B suspended while the backlog is queued, resumed, and once B is
 *       storing it, A's security officer issues an alert to B. Figure: from the issuing request to the alert being
 *       readable at B ({@code GET /alerts/{id}} answers 200), polled every 10 ms.
 * </ol>
 */
class AlertBench {

    static final int DEFAULT_BACKLOG = 10_000;
    private static final int BACKLOG = Integer.getInteger("amicus.bench.backlog", DEFAULT_BACKLOG);

    @Test
    void alertFigures() throws Exception {
        double[] raw = rawArtemis();
        double[] amicus = amicusNodes();
        System.out.printf(
                Locale.ROOT,
                """

                ===== Amicus alert benchmark (an alert behind %d queued routine envelopes of 1 KiB; %d cores) =====
                                                  raw Artemis      Amicus          target
                alert delivered after             %8.0f ms      %8.0f ms       <= 1,000 ms
                routine envelopes that arrived
                  while it travelled              %8.0f         %8.0f
                backlog still waiting behind it   %8.0f         %8.0f
                (Amicus: issuing took %.0f ms of that: routed, sealed, stored, queued)
                """,
                BACKLOG,
                Runtime.getRuntime().availableProcessors(),
                raw[0],
                amicus[0],
                raw[1],
                amicus[1],
                raw[2],
                amicus[2],
                amicus[3]);
    }

    private static double[] rawArtemis() throws Exception {
        Path dir = Files.createDirectories(ItEnvironment.work().resolve("bench-alert-raw-" + UUID.randomUUID()));
        FederationBench.RawNode a = FederationBench.rawNode(dir.resolve("a"));
        FederationBench.RawNode b = FederationBench.rawNode(dir.resolve("b"));
        try {
            a.broker().start();
            b.broker().start();
            FederationPeersFile.write(a.f().peersFile(), List.of(b.asPeer()));
            FederationPeersFile.write(b.f().peersFile(), List.of(a.asPeer()));
            String out = BrokerSettings.FEDERATION_OUT_PREFIX + b.id();
            AtomicInteger routine = new AtomicInteger();
            AtomicLong alertAt = new AtomicLong();
            AtomicInteger routineAtAlert = new AtomicInteger();
            try (JMSContext producerCtx = a.local().createContext(JMSContext.SESSION_TRANSACTED);
                    JMSContext consumerCtx = b.local().createContext(JMSContext.SESSION_TRANSACTED);
                    JMSContext priorityCtx = b.local().createContext(JMSContext.SESSION_TRANSACTED)) {
                JMSConsumer consumer =
                        consumerCtx.createConsumer(consumerCtx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE));
                JMSConsumer priority =
                        priorityCtx.createConsumer(priorityCtx.createQueue(BrokerSettings.FEDERATION_PRIORITY_QUEUE));
                var queue = producerCtx.createQueue(out);
                JMSProducer producer = producerCtx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                Thread drain = new Thread(() -> {
                    while (!done.get()) {
                        var m = consumer.receive(1_000);
                        if (m != null) {
                            routine.incrementAndGet();
                            consumerCtx.commit();
                        }
                    }
                });
                Thread lane = new Thread(() -> {
                    var m = priority.receive(120_000);
                    if (m != null) {
                        alertAt.set(System.nanoTime());
                        routineAtAlert.set(routine.get());
                        priorityCtx.commit();
                    }
                });
                drain.start();
                lane.start();
                for (int i = 0; i < BACKLOG; i++) {
                    producer.setPriority(4).send(queue, message(producerCtx));
                    if (i % 500 == 499) {
                        producerCtx.commit();
                    }
                }
                producerCtx.commit();
                int before = routine.get();
                BytesMessage alert = message(producerCtx);
                alert.setBooleanProperty("alert", true);
                long sent = System.nanoTime();
                producer.setPriority(9).send(queue, alert);
                producerCtx.commit();
                lane.join(130_000);
                done.set(true);
                drain.join(10_000);
                assertEquals(true, alertAt.get() > 0, "raw Artemis delivered the priority message");
                return new double[] {
                    (alertAt.get() - sent) / 1e6, routineAtAlert.get() - before, BACKLOG - routineAtAlert.get()
                };
            }
        } finally {
            a.broker().stop();
            b.broker().stop();
        }
    }

    private static BytesMessage message(JMSContext ctx) throws Exception {
        BytesMessage m = ctx.createBytesMessage();
        m.writeBytes(new byte[1024]);
        m.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
        return m;
    }

    private static double[] amicusNodes() throws Exception {
        Path root = ItEnvironment.work().resolve("bench-alert-" + UUID.randomUUID());
        NodeProcess a = NodeProcess.start(root.resolve("a"), ItEnvironment.freePort(), ItEnvironment.freePort(), false);
        NodeProcess b = NodeProcess.start(root.resolve("b"), ItEnvironment.freePort(), ItEnvironment.freePort(), false);
        try (a;
                b) {
            a.awaitReady();
            b.awaitReady();
            assertEquals(201, FederationIT.addPeer(a, b).status());
            assertEquals(201, FederationIT.addPeer(b, a).status());
            String to = FederationIT.nodeId(b);
            // the link is up and warm: one alert through first
            issue(a, to);
            String peer = "api/v1/federation/peers/" + to;
            assertEquals(200, Http.post(a.uri(peer + "/suspend")).status());
            for (int sent = 0; sent < BACKLOG; sent += 500) {
                JsonArrayBuilder batch = Json.createArrayBuilder();
                for (int i = 0; i < 500; i++) {
                    batch.add(Json.createObjectBuilder()
                            .add("to", Json.createArrayBuilder().add(to))
                            .add("subject", "routine " + (sent + i))
                            .add("body", "r".repeat(1024)));
                }
                Http.Response r = Http.postJson(
                        a.uri("api/v1/messages/batch"),
                        Json.createObjectBuilder().add("messages", batch).build());
                assertEquals(201, r.status(), r.body());
            }
            double start = accepted(b);
            assertEquals(200, Http.post(a.uri(peer + "/resume")).status());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (accepted(b) < start + 200) { // B is storing the backlog
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the backlog never started to flow");
                }
                Thread.sleep(20);
            }
            double before = accepted(b);
            long t0 = System.nanoTime();
            String id = issue(a, to);
            double issueMs = (System.nanoTime() - t0) / 1e6;
            while (Http.get(b.uri("api/v1/alerts/" + id)).status() != 200) {
                if (System.nanoTime() - t0 > 120_000_000_000L) {
                    throw new AssertionError("the alert never arrived");
                }
                Thread.sleep(10);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            double arrived = accepted(b);
            return new double[] {ms, arrived - before, BACKLOG - (arrived - start), issueMs};
        }
    }

    private static String issue(NodeProcess a, String to) throws Exception {
        Http.Response r = Http.postJson(
                a.uri("api/v1/alerts"),
                Json.createObjectBuilder()
                        .add("template", "device-compromise")
                        .add(
                                "marking",
                                Json.createObjectBuilder()
                                        .add("tlp", "amber")
                                        .add("distribution", "organisations")
                                        .add(
                                                "organisations",
                                                Json.createArrayBuilder().add(to)))
                        .build());
        assertEquals(201, r.status(), r.body());
        return r.json().getString("id");
    }

    private static double accepted(NodeProcess n) throws Exception {
        String metrics = Http.get(n.uri("metrics")).body();
        var m = java.util.regex.Pattern.compile(
                        "amicus_federation_received_total\\{[^}]*outcome=\"accepted\"[^}]*\\}\\s+([0-9.eE+]+)")
                .matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
