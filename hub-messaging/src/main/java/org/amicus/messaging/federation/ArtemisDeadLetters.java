package org.amicus.messaging.federation;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.federation.control.DeadLetters;
import org.amicus.core.node.control.InboxUnavailableException;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.inbox.Destinations;

/**
 * The dead-letter queue over the node's Artemis broker: browsed (never consumed) for the operator's view, and
 * emptied back into the original queues through the broker's {@code DeadLetterRetry} plugin, which moves each
 * message with the properties it arrived with (the peer the broker authenticated above all). Outside any
 * transaction: these are operator acts on the broker, done when the call returns.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ArtemisDeadLetters implements DeadLetters {

    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Override
    public List<DeadLetter> list(int max) {
        return browse(null, max);
    }

    @Override
    public long count() {
        return browse(null, Integer.MAX_VALUE).size();
    }

    @Override
    public boolean retry(String messageId) {
        if (!MESSAGE_ID.matcher(messageId).matches() || browse(messageId, 1).isEmpty()) {
            return false;
        }
        askBrokerToRetry(messageId);
        return true;
    }

    @Override
    public long retryAll() {
        long n = count();
        if (n > 0) {
            askBrokerToRetry(null);
        }
        return n;
    }

    private void askBrokerToRetry(String messageId) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            MessageProducer producer =
                    session.createProducer(session.createTopic(BrokerSettings.RETRY_DEAD_LETTERS_ADDRESS));
            // persistent, so the send waits for the broker: the plugin has moved the messages when it returns
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Message ask = session.createMessage();
            if (messageId != null) {
                ask.setStringProperty(BrokerSettings.RETRY_MESSAGE_PROPERTY, messageId);
            }
            producer.send(ask);
        } catch (JMSException e) {
            throw new InboxUnavailableException("AMICUS-FEDERATION-082 the broker did not retry the dead letters", e);
        }
    }

    private List<DeadLetter> browse(String messageId, int max) {
        List<DeadLetter> found = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            connection.start();
            QueueBrowser browser = messageId == null
                    ? session.createBrowser(session.createQueue(BrokerSettings.DEAD_LETTER_QUEUE))
                    : session.createBrowser(
                            session.createQueue(BrokerSettings.DEAD_LETTER_QUEUE),
                            "JMSMessageID = '" + messageId + "'");
            QueueScan messages = QueueScan.of(browser);
            for (Message next; found.size() < max && (next = messages.next()) != null; ) {
                found.add(view(next));
            }
        } catch (JMSException e) {
            throw new InboxUnavailableException("AMICUS-FEDERATION-083 cannot read the dead-letter queue", e);
        }
        return found;
    }

    private static DeadLetter view(Message m) throws JMSException {
        long size = m instanceof jakarta.jms.BytesMessage b ? b.getBodyLength() : 0;
        return new DeadLetter(
                m.getJMSMessageID(),
                Optional.ofNullable(m.getStringProperty(ORIGINAL_QUEUE)).orElse("(unknown)"),
                envelope(m.getStringProperty(ArtemisFederationTransport.ENVELOPE_ID_PROPERTY)),
                Optional.ofNullable(m.getStringProperty(FederationInListener.VALIDATED_USER))
                        .map(u -> u.startsWith("peer:") ? u.substring("peer:".length()) : "this node"),
                size,
                Instant.ofEpochMilli(m.getJMSTimestamp()));
    }

    private static Optional<UUID> envelope(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
