package org.amicus.messaging.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.broker.FederationSettings;
import org.amicus.messaging.broker.NodeBroker;
import org.amicus.messaging.broker.PeerLink;
import org.amicus.messaging.envelope.TlsIdentity;
import org.amicus.messaging.testing.LoopbackPorts;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node broker in this JVM with what waits for a peer as a bundle export finds it: an envelope and parts of
 * files (large messages, bodies read as the export reads them). Artemis' own browser ends early now and then on such a
 * queue; the scan reads every message, every time.
 */
class QueueScanTest {

    private static final String QUEUE = PeerLink.outboundQueue("00000000-0000-4000-8000-0000000000aa");
    private static final int PARTS = 5;
    private static final int SCANS = 200;

    @TempDir
    static Path dir;

    private static NodeBroker broker;
    private static ActiveMQConnectionFactory factory;
    private static List<String> queued = new ArrayList<>();

    @BeforeAll
    static void aQueueWithAnEnvelopeAndPartsOfFiles() throws Exception {
        char[] password = "store-password-for-tests".toCharArray();
        TlsIdentity.create(dir.resolve("tls.p12"), password, "test", Instant.now());
        FederationSettings federation = new FederationSettings(
                "127.0.0.1",
                LoopbackPorts.free(),
                dir.resolve("tls.p12"),
                new String(password),
                dir.resolve("federation/peers.properties"),
                dir.resolve("federation/links.properties"),
                2_000);
        int port = LoopbackPorts.free();
        broker = new NodeBroker(
                new BrokerSettings(dir.resolve("broker"), "127.0.0.1", port, "node", "secret", 500_000), federation);
        broker.start();
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, "node", "secret");
        factory.setMinLargeMessageSize(BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES); // as ra.xml
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession()) {
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.setPriority(ArtemisFederationTransport.priority("normal"));
            BytesMessage envelope = session.createBytesMessage();
            envelope.writeBytes(new byte[3_000]);
            envelope.setStringProperty("name", "envelope");
            producer.send(envelope);
            queued.add("envelope");
            producer.setPriority(ArtemisFederationTransport.priority("bulk"));
            for (int i = 0; i < PARTS; i++) {
                BytesMessage part = session.createBytesMessage();
                part.setObjectProperty(
                        "JMS_AMQ_InputStream",
                        new java.io.ByteArrayInputStream(new byte[3 * BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES / 2]));
                part.setStringProperty("name", "part-" + i);
                producer.send(part);
                queued.add("part-" + i);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void everyScanReadsEveryMessageInOrder() throws Exception {
        List<String> incomplete = new ArrayList<>();
        for (int scan = 0; scan < SCANS; scan++) {
            List<String> seen = new ArrayList<>();
            try (Connection connection = factory.createConnection();
                    Session session = connection.createSession()) {
                connection.start();
                try (QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE))) {
                    QueueScan messages = QueueScan.of(browser);
                    for (Message next = messages.next(); next != null; next = messages.next()) {
                        BytesMessage m = (BytesMessage) next;
                        if (m.getBodyLength() > BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES) { // read as an export does
                            m.setObjectProperty("JMS_AMQ_SaveStream", java.io.OutputStream.nullOutputStream());
                        }
                        seen.add(m.getStringProperty("name"));
                    }
                }
            }
            if (!seen.equals(queued)) {
                incomplete.add("scan " + scan + " saw " + seen);
            }
        }
        assertEquals(List.of(), incomplete, "every scan sees " + queued);
    }
}
