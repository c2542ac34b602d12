package org.amicus.messaging.broker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;

/**
 * One node's Artemis broker with an explicit lifecycle: {@link #start()}, {@link #state()}, {@link
 * #stop()}. Persistent journal with the durable defaults (journal-datasync, sync transactions and a
 * persisted duplicate-id cache stay on: "exactly once" must survive a crash of the broker process).
 */
public final class NodeBroker {

    /** Visible lifecycle state. */
    public enum State {
        NEW,
        STARTED,
        FAILED,
        STOPPED
    }

    /**
     * Artemis's audit loggers write one line per message with its properties (envelope ids, peers):
     * traffic metadata that does not belong in a log. Off; held here so the setting is not collected.
     */
    private static final java.util.logging.Logger AUDIT =
            java.util.logging.Logger.getLogger("org.apache.activemq.audit");

    static {
        AUDIT.setLevel(java.util.logging.Level.OFF);
    }

    static final String ACCEPTOR_NAME = "node";
    static final String NODE_ROLE = "amicus-node";
    static final String PEER_ROLE = "amicus-peer";
    static final String FEDERATION_ACCEPTOR_NAME = "federation";

    private final BrokerSettings settings;
    private final FederationSettings federation;
    private FederationLinks links;
    private final EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    private volatile State state = State.NEW;

    public NodeBroker(BrokerSettings settings) {
        this(settings, null);
    }

    /** A broker that also federates: {@code federation} may be null for a node on its own. */
    public NodeBroker(BrokerSettings settings, FederationSettings federation) {
        this.settings = settings;
        this.federation = federation;
    }

    /**
     * Starts the broker and checks that its acceptor listens.
     *
     * @throws BrokerStartException with an operator-readable reason when the broker cannot serve
     */
    public synchronized void start() throws BrokerStartException {
        if (state != State.NEW) {
            throw new IllegalStateException("broker already " + state);
        }
        embedded.setConfiguration(configuration());
        embedded.setSecurityManager(new NodeSecurityManager(settings.user(), settings.password()));
        var activationFailure = new AtomicReference<Exception>();
        try {
            embedded.createActiveMQServer();
            embedded.getActiveMQServer().registerActivationFailureListener(activationFailure::set);
            embedded.start();
        } catch (Exception e) {
            state = State.FAILED;
            throw new BrokerStartException("the broker could not start: " + rootMessage(e), e);
        }
        var server = embedded.getActiveMQServer();
        Acceptor acceptor = server.getRemotingService().getAcceptor(ACCEPTOR_NAME);
        if (activationFailure.get() != null || !server.isActive() || acceptor == null || !acceptor.isStarted()) {
            state = State.FAILED;
            stopQuietly();
            throw new BrokerStartException("the broker cannot listen on " + settings.host() + ":" + settings.port()
                    + " (is the port in use by another program?)");
        }
        if (federation != null) {
            Acceptor peers = server.getRemotingService().getAcceptor(FEDERATION_ACCEPTOR_NAME);
            if (peers == null || !peers.isStarted()) {
                state = State.FAILED;
                stopQuietly();
                throw new BrokerStartException("the broker cannot listen for peers on " + federation.host() + ":"
                        + federation.port() + " (is the port in use by another program?)");
            }
            links = new FederationLinks(server, federation);
            links.start();
        }
        state = State.STARTED;
    }

    public State state() {
        return state;
    }

    public synchronized void stop() {
        if (state == State.STARTED) {
            stopQuietly();
            state = State.STOPPED;
        }
    }

    private void stopQuietly() {
        if (links != null) {
            links.stop();
        }
        try {
            embedded.stop();
        } catch (Exception e) {
            // nothing more can be done while stopping; the journal is append-only and recovers at start
        }
    }

    Configuration configuration() {
        Configuration config = new ConfigurationImpl();
        config.setName("amicus-node-broker");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(settings.dataDir().resolve("journal").toString());
        config.setBindingsDirectory(settings.dataDir().resolve("bindings").toString());
        config.setPagingDirectory(settings.dataDir().resolve("paging").toString());
        config.setLargeMessagesDirectory(
                settings.dataDir().resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(settings.dataDir().toString());
        config.setJournalBufferTimeout_NIO(settings.journalBufferTimeoutNanos());
        config.setJournalBufferTimeout_AIO(settings.journalBufferTimeoutNanos());
        config.setJournalDatasync(true);
        config.setJournalSyncTransactional(true);
        config.setJournalSyncNonTransactional(true);
        config.setPersistIDCache(true);
        config.setIDCacheSize(20_000);
        config.setJMXManagementEnabled(false);
        config.setSecurityEnabled(true);
        // No caching of authentication or authorisation: Artemis keys its cache by user, password and the
        // certificate's subject name, which a peer chooses itself. Every session is decided afresh from the
        // certificate's key (a peer with another peer's subject name must not inherit its identity).
        config.setAuthenticationCacheSize(0);
        config.setAuthorizationCacheSize(0);
        config.setPopulateValidatedUser(true);
        config.setMaxDiskUsage(95);
        // No waiting for clients at a stop: the launcher stops the node's server first, and the clients left are
        // peers' bridges, which never disconnect by themselves (a graceful stop waited its full timeout every time).
        // What a bridge was forwarding stays in the peer's queue and comes again, once, after it reconnects.
        config.setGracefulShutdownEnabled(false);

        config.addAcceptorConfiguration(new org.apache.activemq.artemis.api.core.TransportConfiguration(
                NettyAcceptorFactory.class.getName(),
                Map.of(
                        TransportConstants.HOST_PROP_NAME, settings.host(),
                        TransportConstants.PORT_PROP_NAME, settings.port(),
                        TransportConstants.PROTOCOLS_PROP_NAME, "CORE"),
                ACCEPTOR_NAME));

        // a random cluster password: the well-known default must never authenticate anyone here
        byte[] cluster = new byte[32];
        new java.security.SecureRandom().nextBytes(cluster);
        config.setClusterPassword(java.util.HexFormat.of().formatHex(cluster));

        Role node = new Role(NODE_ROLE, true, true, true, true, true, true, true, true, true, true, false, false);
        config.putSecurityRoles("#", Set.of(node));
        if (federation != null) {
            // peers: send to the inbound address, nothing else (no consume, browse, create, manage)
            Role peer = new Role(
                    PEER_ROLE, true, false, false, false, false, false, false, false, false, false, false, false);
            config.putSecurityRoles(BrokerSettings.FEDERATION_IN_QUEUE, Set.of(node, peer));
            config.addAcceptorConfiguration(new org.apache.activemq.artemis.api.core.TransportConfiguration(
                    NettyAcceptorFactory.class.getName(),
                    Map.ofEntries(
                            Map.entry(TransportConstants.HOST_PROP_NAME, federation.host()),
                            Map.entry(TransportConstants.PORT_PROP_NAME, federation.port()),
                            Map.entry(TransportConstants.PROTOCOLS_PROP_NAME, "CORE"),
                            Map.entry(TransportConstants.SSL_ENABLED_PROP_NAME, true),
                            Map.entry(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, true),
                            Map.entry(
                                    TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, FederationLinks.ENABLED_PROTOCOLS),
                            Map.entry(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12"),
                            Map.entry(
                                    TransportConstants.KEYSTORE_PATH_PROP_NAME,
                                    federation.keyStore().toString()),
                            Map.entry(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, federation.keyStorePassword()),
                            Map.entry(
                                    TransportConstants.TRUST_MANAGER_FACTORY_PLUGIN_PROP_NAME,
                                    PeerTrust.class.getName())),
                    FEDERATION_ACCEPTOR_NAME));
        }

        AddressSettings defaults = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerSettings.DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(BrokerSettings.EXPIRY_QUEUE))
                .setMaxDeliveryAttempts(BrokerSettings.MAX_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
        config.addAddressSetting("#", defaults);

        // the server may queue for a peer before the broker has read the new peers file: the queue is
        // created on first use (by the node's server only: peers cannot create anything)
        config.addAddressSetting(
                BrokerSettings.FEDERATION_OUT_PREFIX + "#",
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(BrokerSettings.DEAD_LETTER_QUEUE))
                        .setExpiryAddress(SimpleString.of(BrokerSettings.EXPIRY_QUEUE))
                        .setMaxDeliveryAttempts(-1)
                        .setAutoCreateQueues(true)
                        .setAutoCreateAddresses(true)
                        .setAutoDeleteQueues(false)
                        .setAutoDeleteAddresses(false)
                        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                        .setDefaultQueueRoutingType(RoutingType.ANYCAST));

        config.addQueueConfiguration(durableAnycast(BrokerSettings.INBOX_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.FEDERATION_IN_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.FEDERATION_PRIORITY_QUEUE));
        // alerts leave the inbound queue at once for their own, whatever waits there (docs/alerts.md, ADR 18)
        config.addDivertConfiguration(new org.apache.activemq.artemis.core.config.DivertConfiguration()
                .setName("amicus-federation-priority")
                .setAddress(BrokerSettings.FEDERATION_IN_QUEUE)
                .setForwardingAddress(BrokerSettings.FEDERATION_PRIORITY_QUEUE)
                .setFilterString("AMQPriority >= " + BrokerSettings.ALERT_PRIORITY)
                .setRoutingType(org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType.ANYCAST)
                .setExclusive(true));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.DIAGNOSTICS_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.DEAD_LETTER_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.EXPIRY_QUEUE));
        // an address without a queue: what is sent there only triggers InDoubtRecovery
        config.addAddressConfiguration(new CoreAddressConfiguration()
                .setName(BrokerSettings.RECOVER_IN_DOUBT_ADDRESS)
                .addRoutingType(RoutingType.MULTICAST));
        config.registerBrokerPlugin(new InDoubtRecovery(settings.user()));
        // the same for DeadLetterRetry
        config.addAddressConfiguration(new CoreAddressConfiguration()
                .setName(BrokerSettings.RETRY_DEAD_LETTERS_ADDRESS)
                .addRoutingType(RoutingType.MULTICAST));
        config.registerBrokerPlugin(new DeadLetterRetry(settings.user()));
        return config;
    }

    private static QueueConfiguration durableAnycast(String name) {
        return QueueConfiguration.of(name)
                .setAddress(name)
                .setRoutingType(RoutingType.ANYCAST)
                .setDurable(true);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
