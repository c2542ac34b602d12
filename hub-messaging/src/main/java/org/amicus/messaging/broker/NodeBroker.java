package org.amicus.messaging.broker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;

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

    static final String ACCEPTOR_NAME = "node";
    static final String NODE_ROLE = "amicus-node";

    private final BrokerSettings settings;
    private final EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    private volatile State state = State.NEW;

    public NodeBroker(BrokerSettings settings) {
        this.settings = settings;
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
        ActiveMQSecurityManagerImpl security = new ActiveMQSecurityManagerImpl();
        security.getConfiguration().addUser(settings.user(), settings.password());
        security.getConfiguration().addRole(settings.user(), NODE_ROLE);
        embedded.setSecurityManager(security);
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
        config.setPopulateValidatedUser(true);
        config.setMaxDiskUsage(95);
        config.setGracefulShutdownEnabled(true);
        config.setGracefulShutdownTimeout(10_000);

        config.addAcceptorConfiguration(new org.apache.activemq.artemis.api.core.TransportConfiguration(
                NettyAcceptorFactory.class.getName(),
                Map.of(
                        TransportConstants.HOST_PROP_NAME, settings.host(),
                        TransportConstants.PORT_PROP_NAME, settings.port(),
                        TransportConstants.PROTOCOLS_PROP_NAME, "CORE"),
                ACCEPTOR_NAME));

        config.putSecurityRoles(
                "#",
                Set.of(new Role(NODE_ROLE, true, true, true, true, true, true, true, true, true, true, false, false)));

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

        config.addQueueConfiguration(durableAnycast(BrokerSettings.INBOX_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.DIAGNOSTICS_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.DEAD_LETTER_QUEUE));
        config.addQueueConfiguration(durableAnycast(BrokerSettings.EXPIRY_QUEUE));
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
