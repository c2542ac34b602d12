package org.amicus.messaging.inbox;

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
import jakarta.jms.Session;
import org.amicus.core.node.control.InboxItem;
import org.amicus.core.node.control.InboxUnavailableException;
import org.amicus.core.node.control.LocalInbox;

/**
 * Posts inbox items as persistent messages through the resource adapter's XA connection factory, so
 * the send is part of the caller's JTA transaction. The message carries the item's kind and
 * reference as properties and no body.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JmsLocalInbox implements LocalInbox {

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Override
    public void post(InboxItem item) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            MessageProducer producer = session.createProducer(session.createQueue(Destinations.INBOX_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Message message = session.createMessage();
            message.setStringProperty(Destinations.KIND_PROPERTY, item.kind().name());
            message.setStringProperty(Destinations.REFERENCE_PROPERTY, item.reference());
            // Artemis duplicate detection: the same item is never enqueued twice.
            message.setStringProperty("_AMQ_DUPL_ID", item.kind() + ":" + item.reference());
            producer.send(message);
        } catch (JMSException e) {
            throw new InboxUnavailableException("AMICUS-INBOX-001 cannot post to the node inbox", e);
        }
    }
}
