package org.amicus.core.federation.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.PeerLinkSpec;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.boundary.KeyRevoked;

/**
 * Federation's scheduled work: every second it sends pending receipts, every ten seconds it expires
 * overdue envelopes, sends again what got no receipt in time and sends this node's certificate to peers
 * that lack its current version, and every minute (and at once after a change, see {@link Peering}) it publishes the
 * peers to the broker. A peer whose organisation key was revoked is not
 * published: its link ends and it is refused at once.
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FederationJobs {

    private static final Logger LOG = Logger.getLogger(FederationJobs.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Deliveries deliveries;

    @Inject
    Peers peers;

    @Inject
    KeyDirectory keys;

    @Inject
    FederationTransport transport;

    @Inject
    CertificatePublication certificates;

    private final AtomicBoolean publishWanted = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long ticks;

    /** What the broker was last told (guarded by this); null before the first time. */
    private List<PeerLinkSpec> published;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("amicus-federation-jobs", false));
    }

    /** Tells the broker the peers now (after a change has committed) and waits until it applied them. */
    public void publishNow() {
        publishWanted.set(true);
        publish(false);
    }

    /** A peer's key was revoked and that has committed: its node is refused now, not at the next minute. */
    public void afterKeyRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) KeyRevoked revoked) {
        publishNow();
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return; // the previous run is still busy
        }
        try {
            ticks++;
            if (publishWanted.get() || ticks % 60 == 0) {
                publish(ticks % 60 == 0); // once a minute whatever changed: a broker restarted from an old file
            }
            while (deliveries.sendPendingReceipts() >= Deliveries.RECEIPT_BATCH) {
                // more waiting: keep going
            }
            if (ticks % 10 == 0) {
                deliveries.expireOverdue();
            }
            if (ticks % 10 == 5) {
                certificates.publish();
            }
            if (ticks % 10 == 7) {
                deliveries.resendUnacknowledged();
            }
        } catch (RuntimeException e) {
            // the key may still be unlocking, or the broker restarting: the next tick tries again
            LOG.log(Level.FINE, "AMICUS-FEDERATION-030 federation jobs deferred", e);
        } finally {
            running.set(false);
        }
    }

    /**
     * Tells the broker the peers with links of their own and waits until it applied them; a change that leaves them
     * as they were (a peer added behind a relay, say) is not published again unless {@code evenIfUnchanged}.
     */
    private synchronized void publish(boolean evenIfUnchanged) {
        try {
            publishWanted.set(false);
            List<PeerLinkSpec> specs = peers.linked().stream()
                    .filter(p ->
                            keys.lookup(p.fingerprint()).map(k -> !k.revoked()).orElse(false))
                    .map(p -> new PeerLinkSpec(p.nodeId(), p.address(), p.tls(), p.state() == PeerState.ACTIVE))
                    .toList();
            if (!evenIfUnchanged && specs.equals(published)) {
                return;
            }
            transport.publishPeers(specs);
            published = specs;
        } catch (RuntimeException e) {
            publishWanted.set(true);
            LOG.log(Level.WARNING, "AMICUS-FEDERATION-031 cannot publish the peers to the broker; retrying", e);
        }
    }
}
