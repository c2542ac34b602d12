package org.amicus.messaging.broker;

import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * A broker act the node's server asks for by sending a message to a control address (an address without queues,
 * so the message itself is routed nowhere). Only the node's own user may ask; anyone else's send fails.
 */
abstract class NodeControlPlugin implements ActiveMQServerMessagePlugin {

    private static final Logger LOG = Logger.getLogger(NodeControlPlugin.class.getName());

    private final String address;
    private final String nodeUser;
    private volatile ActiveMQServer server;

    NodeControlPlugin(String address, String nodeUser) {
        this.address = address;
        this.nodeUser = nodeUser;
    }

    @Override
    public final void registered(ActiveMQServer server) {
        this.server = server;
    }

    protected final ActiveMQServer server() {
        return server;
    }

    @Override
    public final void beforeSend(
            ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreate)
            throws ActiveMQException {
        if (message.getAddress() == null || !address.equals(message.getAddress())) {
            return;
        }
        if (!nodeUser.equals(session.getValidatedUser())) {
            LOG.warning("AMICUS-BROKER-010 a session that is not the node's sent to " + address + "; refused");
            throw new ActiveMQException("only the node may send to " + address);
        }
        act(message);
    }

    /** What the node asked for, with the message that asked. */
    protected abstract void act(Message request) throws ActiveMQException;
}
