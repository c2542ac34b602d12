package org.amicus.messaging.inbox;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.control.InboxItem;
import org.amicus.core.node.entity.PingId;

/**
 * Consumes the node's inbox. Each message is processed in the container-managed XA transaction that
 * also acknowledges it: the message is consumed if and only if the work commits. A message that
 * cannot be processed is rolled back and, after the broker's bounded redeliveries, moved to the
 * dead-letter queue, where the operator sees it; nothing is dropped silently.
 */
@MessageDriven(
        name = "InboxListener",
        activationConfig = {
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.INBOX_QUEUE),
            @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
            // keep trying to reach the broker: it may start after the server or restart under it
            @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
            @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "1000")
        })
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class InboxListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(InboxListener.class.getName());

    /** From this many deliveries on, a missing record is reported rather than taken for a race. */
    static final int SUSPICIOUS_DELIVERIES = 3;

    @Resource
    MessageDrivenContext context;

    @Inject
    NodeService node;

    @Inject
    InboxMetrics metrics;

    @Override
    public void onMessage(Message message) {
        InboxItem item;
        try {
            item = new InboxItem(
                    InboxItem.Kind.valueOf(message.getStringProperty(Destinations.KIND_PROPERTY)),
                    message.getStringProperty(Destinations.REFERENCE_PROPERTY));
        } catch (JMSException | RuntimeException e) {
            LOG.warning("AMICUS-INBOX-002 inbox message with an unknown kind or no reference; left for the "
                    + "dead-letter queue");
            metrics.rejected();
            context.setRollbackOnly();
            return;
        }
        switch (item.kind()) {
            case PING -> deliverPing(item, deliveryCount(message));
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | RuntimeException e) {
            return 1;
        }
    }

    private void deliverPing(InboxItem item, int deliveryCount) {
        PingId id;
        try {
            id = PingId.parse(item.reference());
        } catch (IllegalArgumentException e) {
            LOG.warning("AMICUS-INBOX-003 ping with a malformed id; left for the dead-letter queue");
            metrics.rejected();
            context.setRollbackOnly();
            return;
        }
        if (node.confirmPingDelivered(id)) {
            metrics.delivered();
            return;
        }
        // The sender's transaction commits the message and the row in two steps; the listener can see the
        // message a moment before the row. Roll back and let the broker redeliver after its delay. A row
        // that never appears (impossible with XA unless data was lost) ends in the dead-letter queue.
        context.setRollbackOnly();
        if (deliveryCount >= SUSPICIOUS_DELIVERIES) {
            LOG.warning("AMICUS-INBOX-004 ping " + id + " still has no record after " + deliveryCount
                    + " deliveries; it will go to the dead-letter queue");
            metrics.rejected();
        }
    }
}
