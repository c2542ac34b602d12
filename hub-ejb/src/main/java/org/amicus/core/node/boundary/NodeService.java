package org.amicus.core.node.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.node.control.BrokerProbe;
import org.amicus.core.node.control.InboxItem;
import org.amicus.core.node.control.LocalInbox;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.node.entity.NodeIdentity;
import org.amicus.core.node.entity.PingId;
import org.amicus.core.node.entity.PingRecord;
import org.amicus.core.platform.control.AmicusVersion;
import org.amicus.core.platform.control.NodeConfiguration;

/** The node facade: what the node is, and the ping path through every layer. */
@Stateless
public class NodeService {

    private static final Logger LOG = Logger.getLogger(NodeService.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    LocalInbox inbox;

    @Inject
    BrokerProbe broker;

    @Inject
    NodeConfiguration configuration;

    @Inject
    Clock clock;

    public NodeDescription describe() {
        return new NodeDescription(identity(), configuration.nodeName(), AmicusVersion.current(), broker.status());
    }

    /** The node's id; created on the first start. */
    public NodeId ensureIdentity() {
        var existing = em.createQuery("select n from NodeIdentity n", NodeIdentity.class)
                .setMaxResults(1)
                .getResultList();
        if (!existing.isEmpty()) {
            return existing.get(0).id();
        }
        NodeIdentity created = new NodeIdentity(NodeId.random(), clock.instant());
        em.persist(created);
        LOG.info(() -> "AMICUS-NODE-002 created node identity " + created.id());
        return created.id();
    }

    /**
     * Writes a ping record and posts it to the node's own inbox in the caller's transaction (a new
     * one if there is none): both happen, or neither.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public PingView ping() {
        PingRecord record = new PingRecord(PingId.random(), clock.instant());
        em.persist(record);
        // Flush before posting, so the database joins the transaction first and (committed first) its
        // row is visible by the time the listener receives the message.
        em.flush();
        inbox.post(new InboxItem(InboxItem.Kind.PING, record.id().toString()));
        return PingView.of(record);
    }

    /**
     * Called by the inbox listener inside its delivery transaction. Idempotent: a redelivered ping is
     * counted and otherwise ignored.
     *
     * @return false when no such ping exists (it was never committed)
     */
    public boolean confirmPingDelivered(PingId id) {
        // Optimistic locking (@Version) keeps concurrent redeliveries from both counting as the first.
        PingRecord record = em.find(PingRecord.class, id.toString());
        if (record == null) {
            return false;
        }
        record.markDelivered(clock.instant());
        return true;
    }

    public Optional<PingView> findPing(PingId id) {
        return Optional.ofNullable(em.find(PingRecord.class, id.toString())).map(PingView::of);
    }

    private NodeId identity() {
        return em.createQuery("select n from NodeIdentity n", NodeIdentity.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(NodeIdentity::id)
                .orElseThrow(() -> new IllegalStateException("the node identity has not been created yet"));
    }
}
