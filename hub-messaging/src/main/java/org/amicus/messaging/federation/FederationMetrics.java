package org.amicus.messaging.federation;

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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.amicus.core.federation.boundary.DeadLetterQueue;
import org.amicus.core.federation.boundary.PeerView;
import org.amicus.core.federation.boundary.Peers;
import org.amicus.core.federation.entity.PeerState;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The operator view ({@code GET /api/v1/federation/peers}, federation.md §8) as metrics, per peer, labelled by
 * the peer's node id only (never an organisation's name: metrics often go to a monitoring service). Taken from
 * the same view every {@value #REFRESH_SECONDS} seconds; a removed peer's gauges go. Beside them, node-wide, the
 * number of dead letters waiting for the operator ({@value #DEAD_LETTERS}).
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FederationMetrics {

    static final int REFRESH_SECONDS = 10;
    static final String DEAD_LETTERS = "amicus_federation_dead_letters";
    private static final Logger LOG = Logger.getLogger(FederationMetrics.class.getName());

    /** Each gauge: its name and how it reads a peer's view. */
    private static final Map<String, ToDoubleFunction<PeerView>> GAUGES = Map.of(
            "amicus_federation_peer_connected", v -> "connected".equals(v.link().state()) ? 1 : 0,
            "amicus_federation_peer_waiting", v -> v.waiting(),
            "amicus_federation_peer_forwarded", v -> v.link().forwarded(),
            "amicus_federation_peer_oldest_waiting_seconds",
                    v -> v.oldestWaiting() == null
                            ? 0
                            : Math.max(
                                    0,
                                    Duration.between(v.oldestWaiting(), Instant.now())
                                            .toSeconds()),
            "amicus_federation_peer_last_delivery_timestamp_seconds",
                    v -> v.lastDelivery() == null ? 0 : v.lastDelivery().getEpochSecond(),
            "amicus_federation_peer_link_error",
                    v -> v.link().lastError() == null || v.link().lastError().isEmpty() ? 0 : 1);

    @Resource
    TimerService timers;

    @Inject
    Peers peers;

    @Inject
    MetricRegistry registry;

    @Inject
    DeadLetterQueue deadLetters;

    /** Node-wide: messages waiting in the dead-letter queue for the operator (-1 until first read). */
    private volatile long deadLetterCount = -1;

    private final Map<String, PeerView> latest = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        registry.gauge(DEAD_LETTERS, () -> deadLetterCount);
        timers.createIntervalTimer(
                2_000, REFRESH_SECONDS * 1_000L, new TimerConfig("amicus-federation-metrics", false));
    }

    @Timeout
    void refresh(Timer timer) {
        try {
            deadLetterCount = deadLetters.count();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "AMICUS-FEDERATION-061 dead letters not counted", e);
        }
        try {
            Map<String, PeerView> now = new ConcurrentHashMap<>();
            for (PeerView v : peers.list()) {
                if (v.state() != PeerState.REMOVED) {
                    now.put(v.node().toString(), v);
                }
            }
            latest.putAll(now);
            for (String node : Set.copyOf(registered)) {
                if (!now.containsKey(node)) {
                    GAUGES.keySet().forEach(name -> registry.remove(id(name, node)));
                    registered.remove(node);
                    latest.remove(node);
                }
            }
            for (String node : now.keySet()) {
                if (registered.add(node)) {
                    GAUGES.forEach((name, read) -> registry.gauge(id(name, node), () -> {
                        PeerView v = latest.get(node);
                        return v == null ? Double.NaN : read.applyAsDouble(v);
                    }));
                }
            }
        } catch (RuntimeException e) {
            // the database or the broker may be starting or stopping: the next refresh tries again
            LOG.log(Level.FINE, "AMICUS-FEDERATION-060 federation metrics not refreshed", e);
        }
    }

    private static MetricID id(String name, String node) {
        return new MetricID(name, new Tag("peer", node));
    }
}
