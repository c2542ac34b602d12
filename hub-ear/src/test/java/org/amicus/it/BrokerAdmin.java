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
