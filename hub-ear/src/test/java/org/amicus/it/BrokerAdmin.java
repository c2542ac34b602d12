package org.amicus.it;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/** Artemis management of a node's broker, with the node's own credential, as an operator would use it. */
final class BrokerAdmin implements AutoCloseable {

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final ClientRequestor requestor;

    BrokerAdmin(int port, Path credentialFile) throws Exception {
        Properties credential = new Properties();
        try (Reader r = Files.newBufferedReader(credentialFile, StandardCharsets.UTF_8)) {
            credential.load(r);
        }
        locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + port);
        factory = locator.createSessionFactory();
        session = factory.createSession(
                credential.getProperty("user"), credential.getProperty("password"), false, true, true, false, 1);
        requestor = new ClientRequestor(session, "activemq.management");
        session.start();
    }

    long messageCount(String queue) throws Exception {
        ClientMessage m = session.createMessage(false);
        ManagementHelper.putAttribute(m, ResourceNames.QUEUE + queue, "messageCount");
        return ((Number) ManagementHelper.getResult(requestor.request(m))).longValue();
    }

    /** How many messages of {@code queue} match {@code filter}. */
    long count(String queue, String filter) throws Exception {
        return ((Number) invoke(queue, "countMessages", filter)).longValue();
    }

    /** Moves the messages matching {@code filter} to the dead-letter address, as after their last attempt. */
    int sendToDeadLetterAddress(String queue, String filter) throws Exception {
        return ((Number) invoke(queue, "sendMessagesToDeadLetterAddress", filter)).intValue();
    }

    /** Pauses delivery from a queue; a persisted pause outlives a broker restart. */
    void pause(String queue) throws Exception {
        invoke(queue, "pause", true);
    }

    void resume(String queue) throws Exception {
        invoke(queue, "resume");
    }

    private Object invoke(String queue, String operation, Object... args) throws Exception {
        ClientMessage m = session.createMessage(false);
        ManagementHelper.putOperationInvocation(m, ResourceNames.QUEUE + queue, operation, args);
        ClientMessage reply = requestor.request(m);
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IOException(operation + " on " + queue + " failed: " + ManagementHelper.getResult(reply));
        }
        return ManagementHelper.getResult(reply);
    }

    /** Takes (consumes) the message of {@code queue} that matches {@code filter}; its body, or null if none. */
    byte[] take(String queue, String filter) throws Exception {
        try (var consumer = session.createConsumer(queue, filter)) {
            ClientMessage m = consumer.receive(5_000);
            if (m == null) {
                return null;
            }
            m.acknowledge();
            byte[] body = new byte[m.getBodySize()];
            m.getBodyBuffer().readBytes(body);
            return body;
        }
    }

    /** A message taken from a queue whole: its properties and its body (kept in a file: it may be large). */
    record Taken(java.util.Map<String, Object> properties, Path body) {}

    /** Where {@link #takeWhole} puts a message on its way out of a queue; nothing reads it but this class. */
    private static final String HELD = "amicus.test.held";

    /**
     * Takes the one message of {@code queue} that matches {@code filter} whole, its body saved to {@code bodyFile}; null
     * if there is none. Works on a paused queue too (a paused queue delivers to no consumer, this one included): the
     * message is moved to a queue of its own first and taken from there.
     */
    Taken takeWhole(String queue, String filter, Path bodyFile) throws Exception {
        if (!session.queueQuery(org.apache.activemq.artemis.api.core.SimpleString.of(HELD))
                .isExists()) {
            // the node's broker creates no address by itself (federation.md §4): this one is made by hand
            session.createAddress(
                    org.apache.activemq.artemis.api.core.SimpleString.of(HELD),
                    java.util.EnumSet.of(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST),
                    false);
            session.createQueue(new org.apache.activemq.artemis.api.core.QueueConfiguration(HELD)
                    .setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST)
                    .setDurable(true));
        }
        int moved = ((Number) invoke(queue, "moveMessages", filter, HELD)).intValue();
        if (moved == 0) {
            return null;
        }
        if (moved > 1) {
            throw new IllegalStateException(moved + " messages match " + filter + "; they wait in " + HELD);
        }
        try (var consumer = session.createConsumer(HELD)) {
            ClientMessage m = consumer.receive(10_000);
            if (m == null) {
                return null;
            }
            try (var out = Files.newOutputStream(bodyFile)) {
                m.saveToOutputStream(out);
            }
            m.acknowledge();
            java.util.Map<String, Object> properties = new java.util.HashMap<>();
            for (var name : m.getPropertyNames()) {
                Object value = m.getObjectProperty(name);
                properties.put(
                        name.toString(),
                        value instanceof org.apache.activemq.artemis.api.core.SimpleString ss ? ss.toString() : value);
            }
            return new Taken(properties, bodyFile);
        }
    }

    /**
     * Puts a message taken whole back on {@code address} (streamed, as a large message), its duplicate id replaced by
     * {@code duplicateId} and its body by {@code body}.
     */
    void sendWhole(String address, Taken taken, Path body, String duplicateId) throws Exception {
        try (var producer = session.createProducer(address);
                var in = Files.newInputStream(body)) {
            ClientMessage m = session.createMessage(org.apache.activemq.artemis.api.core.Message.BYTES_TYPE, true);
            taken.properties().forEach((name, value) -> {
                // the broker's own bookkeeping is its to set again; the group (_AMQ_GROUP_*) travels on
                if (!name.equals("_AMQ_DUPL_ID")
                        && !name.equals("_AMQ_LARGE_SIZE")
                        && !name.equals("_AMQ_VALIDATED_USER")
                        && !name.startsWith("_AMQ_ORIG")
                        && !name.startsWith("_AMQ_ROUTE")
                        && !name.startsWith("__AMQ")) {
                    m.putObjectProperty(name, value);
                }
            });
            m.putStringProperty("_AMQ_DUPL_ID", duplicateId);
            m.setBodyInputStream(in);
            producer.send(m);
        }
    }

    /** Puts a durable message with {@code body} on {@code address}, as a node's server would. */
    void send(String address, byte[] body, String duplicateId) throws Exception {
        try (var producer = session.createProducer(address)) {
            ClientMessage m = session.createMessage(org.apache.activemq.artemis.api.core.Message.BYTES_TYPE, true);
            m.getBodyBuffer().writeBytes(body);
            m.putStringProperty("_AMQ_DUPL_ID", duplicateId);
            producer.send(m);
        }
    }

    @Override
    public void close() throws Exception {
        requestor.close();
        session.close();
        factory.close();
        locator.close();
    }
}
