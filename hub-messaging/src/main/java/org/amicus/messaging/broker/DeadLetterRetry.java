package org.amicus.messaging.broker;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.filter.Filter;
import org.apache.activemq.artemis.core.filter.impl.FilterImpl;
import org.apache.activemq.artemis.core.server.Queue;

/**
 * The operator's "retry" of dead letters (docs/protocol/federation.md §5): a message sent by the node's user to
 * {@value BrokerSettings#RETRY_DEAD_LETTERS_ADDRESS} moves messages from {@value BrokerSettings#DEAD_LETTER_QUEUE}
 * back to the queue each came from, as the broker's own retry does: the message is the same, with the
 * properties it arrived with (above all the peer the broker authenticated when it was delivered), so the node
 * judges it as it would have the first time. With {@value BrokerSettings#RETRY_MESSAGE_PROPERTY} only that
 * message moves; without, all of them. The control message itself is routed nowhere.
 */
final class DeadLetterRetry extends NodeControlPlugin {

    private static final Logger LOG = Logger.getLogger(DeadLetterRetry.class.getName());

    /** A JMS message id as Artemis makes them (as {@code DeadLetters.MESSAGE_ID}); nothing else reaches the filter. */
    static final Pattern MESSAGE_ID = Pattern.compile("ID:[0-9a-fA-F-]{36}");

    DeadLetterRetry(String nodeUser) {
        super(BrokerSettings.RETRY_DEAD_LETTERS_ADDRESS, nodeUser);
    }

    @Override
    protected void act(Message request) throws ActiveMQException {
        Object id = request.getObjectProperty(SimpleString.of(BrokerSettings.RETRY_MESSAGE_PROPERTY));
        if (id != null && !MESSAGE_ID.matcher(id.toString()).matches()) {
            throw new ActiveMQException("not a message id: the dead letters stay where they are");
        }
        retry(id == null ? null : id.toString());
    }

    /** Moves the dead letter with this JMS message id (all of them if null) back; returns how many moved. */
    int retry(String messageId) throws ActiveMQException {
        Queue dlq = server().locateQueue(SimpleString.of(BrokerSettings.DEAD_LETTER_QUEUE));
        if (dlq == null) {
            return 0;
        }
        try {
            Filter filter = messageId == null ? null : FilterImpl.createFilter("AMQUserID = '" + messageId + "'");
            int moved = dlq.retryMessages(filter);
            LOG.info(() -> "AMICUS-BROKER-030 " + moved + " dead letter(s) moved back to the queue they came from"
                    + (messageId == null ? "" : " (" + messageId + ")"));
            return moved;
        } catch (ActiveMQException e) {
            throw e;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "AMICUS-BROKER-032 cannot retry dead letters", e);
            throw new ActiveMQException("the dead letters could not be moved back: " + e.getMessage());
        }
    }
}
