package org.amicus.messaging.broker;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.Xid;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.transaction.impl.XidImpl;

/**
 * Presumed abort, on request, of the XA transactions still prepared in this broker (docs/protocol/federation.md
 * §9; ADR 10).
 *
 * <p>A node killed between prepare and commit leaves its transaction's branches prepared here and in the database.
 * When it starts again, the server's transaction manager completes those whose commit it had logged; the others it
 * leaves alone (its own recovery at start runs before the node's resources exist). Once that is done, and before
 * the node's application runs (so no live transaction can be prepared), the server sends one message to
 * {@value BrokerSettings#RECOVER_IN_DOUBT_ADDRESS}: this plugin then rolls back every transaction still prepared,
 * and the messages they held go back to their queues. Only the node's own user may ask; the message itself is
 * routed nowhere.
 */
final class InDoubtRecovery extends NodeControlPlugin {

    private static final Logger LOG = Logger.getLogger(InDoubtRecovery.class.getName());

    InDoubtRecovery(String nodeUser) {
        super(BrokerSettings.RECOVER_IN_DOUBT_ADDRESS, nodeUser);
    }

    @Override
    protected void act(Message request) {
        rollBackPrepared();
    }

    /** Rolls back every transaction prepared in this broker; returns how many. */
    int rollBackPrepared() {
        List<Xid> prepared = server().getResourceManager().getPreparedTransactions();
        int ended = 0;
        for (Xid xid : prepared) {
            try {
                if (server().getActiveMQServerControl().rollbackPreparedTransaction(XidImpl.toBase64String(xid))) {
                    ended++;
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "AMICUS-BROKER-022 cannot roll back an in-doubt transaction", e);
            }
        }
        int count = ended;
        LOG.info(() -> "AMICUS-BROKER-020 " + count + " transaction(s) left in doubt by an earlier crash rolled back;"
                + " their messages are back in their queues");
        return ended;
    }
}
