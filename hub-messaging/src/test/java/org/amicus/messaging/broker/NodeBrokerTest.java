package org.amicus.messaging.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.XAJMSContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.amicus.messaging.testing.LoopbackPorts;
import org.apache.activemq.artemis.core.transaction.impl.XidImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Artemis broker, in this JVM, configured exactly as a node's broker process is. */
class NodeBrokerTest {

    @TempDir
    Path data;

    private NodeBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aStartedBrokerKeepsPersistentMessagesAcrossARestart() throws Exception {
        int port = LoopbackPorts.free();
        broker = start(port);
        try (JMSContext ctx = factory(port, "node", "secret").createContext()) {
            ctx.createProducer().send(ctx.createQueue(BrokerSettings.INBOX_QUEUE), "hello");
        }
        broker.stop();
        assertEquals(NodeBroker.State.STOPPED, broker.state());

        broker = start(port);

        try (JMSContext ctx = factory(port, "node", "secret").createContext()) {
            Message m = ctx.createConsumer(ctx.createQueue(BrokerSettings.INBOX_QUEUE))
                    .receive(5_000);
            assertNotNull(m, "the message survived the restart");
            assertEquals("hello", m.getBody(String.class));
        }
    }

    @Test
    void aTransactionLeftPreparedByACrashHoldsItsMessageUntilTheNodeAsksForItToBeRolledBack() throws Exception {
        int port = LoopbackPorts.free();
        broker = start(port);
        try (JMSContext ctx = factory(port, "node", "secret").createContext()) {
            ctx.createProducer().send(ctx.createQueue(BrokerSettings.INBOX_QUEUE), "held in doubt");
        }
        // a listener takes the message in an XA transaction, which is prepared when the node dies
        XAJMSContext xa =
                new ActiveMQXAConnectionFactory("tcp://127.0.0.1:" + port, "node", "secret").createXAContext();
        XAResource resource = xa.getXAResource();
        Xid xid = new XidImpl(
                new byte[] {1}, 4711, java.util.UUID.randomUUID().toString().getBytes());
        resource.start(xid, XAResource.TMNOFLAGS);
        assertNotNull(xa.getContext()
                .createConsumer(xa.createQueue(BrokerSettings.INBOX_QUEUE))
                .receive(5_000));
        resource.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, resource.prepare(xid));
        broker.stop();
        xa.close();

        broker = start(port);
        try (JMSContext ctx = factory(port, "node", "secret").createContext()) {
            var inbox = ctx.createConsumer(ctx.createQueue(BrokerSettings.INBOX_QUEUE));
            assertNull(inbox.receive(1_000), "still in doubt after the restart: the message is held");

            ctx.createProducer().send(ctx.createTopic(BrokerSettings.RECOVER_IN_DOUBT_ADDRESS), "recover");

            Message back = inbox.receive(5_000);
            assertNotNull(back, "rolled back: the message is back in its queue");
            assertEquals("held in doubt", back.getBody(String.class));
        }
    }

    @Test
    void aDeadLetterRetriedByTheNodeGoesBackToItsQueueAsItArrived() throws Exception {
        int port = LoopbackPorts.free();
        broker = start(port);
        try (Connection c = factory(port, "node", "secret").createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            c.start();
            var in = s.createQueue(BrokerSettings.FEDERATION_IN_QUEUE);
            for (String body : List.of("first poison", "second poison")) {
                s.createProducer(in).send(s.createTextMessage(body));
            }
            // what the broker does after the last delivery attempt, asked of it by management
            assertEquals(2, manage(s, BrokerSettings.FEDERATION_IN_QUEUE, "sendMessagesToDeadLetterAddress", ""));
            List<Message> dead = browse(s, BrokerSettings.DEAD_LETTER_QUEUE);
            assertEquals(2, dead.size());
            assertEquals(BrokerSettings.FEDERATION_IN_QUEUE, dead.get(0).getStringProperty("_AMQ_ORIG_QUEUE"));

            // one, by its id
            Message retry = s.createMessage();
            retry.setStringProperty(
                    BrokerSettings.RETRY_MESSAGE_PROPERTY, dead.get(1).getJMSMessageID());
            s.createProducer(s.createTopic(BrokerSettings.RETRY_DEAD_LETTERS_ADDRESS))
                    .send(retry);

            var consumer = s.createConsumer(in);
            Message back = consumer.receive(5_000);
            assertNotNull(back, "the retried dead letter is back in its queue");
            assertEquals("second poison", back.getBody(String.class));
            assertEquals("node", back.getStringProperty("_AMQ_VALIDATED_USER"), "as it arrived: same sender");
            assertEquals(List.of("first poison"), bodies(browse(s, BrokerSettings.DEAD_LETTER_QUEUE)));

            // an id that is not one moves nothing (the broker checks ids as the node does)
            assertEquals(
                    org.amicus.core.federation.control.DeadLetters.MESSAGE_ID.pattern(),
                    DeadLetterRetry.MESSAGE_ID.pattern());
            Message bad = s.createMessage();
            bad.setStringProperty(BrokerSettings.RETRY_MESSAGE_PROPERTY, "ID:' OR 1=1 OR AMQUserID='x");
            assertThrows(
                    jakarta.jms.JMSException.class,
                    () -> s.createProducer(s.createTopic(BrokerSettings.RETRY_DEAD_LETTERS_ADDRESS))
                            .send(bad));
            assertEquals(1, browse(s, BrokerSettings.DEAD_LETTER_QUEUE).size());

            // all of them
            s.createProducer(s.createTopic(BrokerSettings.RETRY_DEAD_LETTERS_ADDRESS))
                    .send(s.createMessage());
            Message last = consumer.receive(5_000);
            assertNotNull(last);
            assertEquals("first poison", last.getBody(String.class));
            assertTrue(browse(s, BrokerSettings.DEAD_LETTER_QUEUE).isEmpty());
        }
    }

    private static long manage(Session s, String queue, String operation, Object... args) throws Exception {
        var requestor =
                new jakarta.jms.QueueRequestor((jakarta.jms.QueueSession) s, s.createQueue("activemq.management"));
        Message m = s.createMessage();
        org.apache.activemq.artemis.api.jms.management.JMSManagementHelper.putOperationInvocation(
                m, org.apache.activemq.artemis.api.core.management.ResourceNames.QUEUE + queue, operation, args);
        Message reply = requestor.request(m);
        assertTrue(org.apache.activemq.artemis.api.jms.management.JMSManagementHelper.hasOperationSucceeded(reply));
        return ((Number) org.apache.activemq.artemis.api.jms.management.JMSManagementHelper.getResult(reply))
                .longValue();
    }

    private static List<Message> browse(Session s, String queue) throws Exception {
        List<Message> all = new ArrayList<>();
        var e = s.createBrowser(s.createQueue(queue)).getEnumeration();
        while (e.hasMoreElements()) {
            all.add((Message) e.nextElement());
        }
        return all;
    }

    private static List<String> bodies(List<Message> messages) throws Exception {
        List<String> b = new ArrayList<>();
        for (Message m : messages) {
            b.add(m.getBody(String.class));
        }
        return b;
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        int port = LoopbackPorts.free();
        broker = start(port);

        assertThrows(
                JMSSecurityRuntimeException.class,
                () -> factory(port, "node", "wrong").createContext().close());
    }

    @Test
    void queuesAreNotCreatedOnDemand() throws Exception {
        int port = LoopbackPorts.free();
        broker = start(port);

        try (JMSContext ctx = factory(port, "node", "secret").createContext()) {
            assertThrows(
                    RuntimeException.class, () -> ctx.createProducer().send(ctx.createQueue("no.such.queue"), "x"));
        }
    }

    @Test
    void aTakenPortIsReportedInWordsAnOperatorCanActOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            broker = new NodeBroker(settings(taken.getLocalPort()));

            BrokerStartException e = assertThrows(BrokerStartException.class, broker::start);

            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertEquals(NodeBroker.State.FAILED, broker.state());
        }
    }

    @Test
    void settingsNeverShowThePassword() {
        assertTrue(!settings(1234).toString().contains("secret"));
    }

    private NodeBroker start(int port) throws BrokerStartException {
        NodeBroker b = new NodeBroker(settings(port));
        b.start();
        assertEquals(NodeBroker.State.STARTED, b.state());
        return b;
    }

    private BrokerSettings settings(int port) {
        return new BrokerSettings(data, "127.0.0.1", port, "node", "secret", 500_000);
    }

    private static ActiveMQConnectionFactory factory(int port, String user, String password) {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, user, password);
        f.setReconnectAttempts(0);
        f.setInitialConnectAttempts(1);
        return f;
    }
}
