package org.amicus.messaging.inbox;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.amicus.core.node.control.BrokerProbe;
import org.amicus.core.node.control.BrokerStatus;

/**
 * Checks the broker by opening a connection and browsing the inbox queue (which also proves the
 * queue exists). Runs outside any transaction so a probe never joins or spoils a caller's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JmsBrokerProbe implements BrokerProbe {

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Override
    public BrokerStatus status() {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(Destinations.INBOX_QUEUE))) {
                browser.getEnumeration();
            }
            return BrokerStatus.up("connected");
        } catch (JMSException | RuntimeException e) {
            return BrokerStatus.down("unreachable");
        }
    }
}
