package org.amicus.messaging.broker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.amicus.messaging.broker.LinkStatesFile.LinkState;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.server.cluster.Bridge;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.utils.CertificateUtil;

/**
 * The federation links of one broker, an explicit component ({@link #start()}, {@link #state()},
 * {@link #stop()}): it keeps the broker equal to the peers file the node's server writes, and reports
 * each link's state back. For every active peer: an outbound queue, a core bridge from it to the
 * peer's inbound address over mutually authenticated TLS (the peer's certificate is the only trust
 * anchor of the connection), duplicate detection on, reconnection forever with capped back-off, and
 * admission of the peer's key at this broker's federation acceptor. A suspended peer keeps its queue
 * and loses its bridge and admission; a removed peer loses all three.
 */
final class FederationLinks {

    private static final Logger LOG = Logger.getLogger(FederationLinks.class.getName());

    /** Not a secret: the per-peer trust stores hold public certificates only. */
    private static final char[] TRUST_STORE_PASSWORD = "amicus-peer-pin".toCharArray();

    static final String ENABLED_PROTOCOLS = "TLSv1.3,TLSv1.2";

    enum State {
        NEW,
        RUNNING,
        STOPPED
    }

    private final ActiveMQServer server;
    private final FederationSettings settings;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "amicus-federation-links");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, PeerLink> applied = new LinkedHashMap<>();
    private final Map<String, LinkState> reported = new LinkedHashMap<>();
    private final Map<String, Instant> lastProbe = new HashMap<>();
    private volatile State state = State.NEW;
    private FileTime readAt;
    private Map<String, LinkState> written = Map.of();
    private long appliedGeneration;
    private long writtenGeneration = -1;

    FederationLinks(ActiveMQServer server, FederationSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Applies the peers file once (so admission is right from the first connection), then follows it. */
    synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("federation links already " + state);
        }
        tick();
        executor.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        state = State.RUNNING;
    }

    State state() {
        return state;
    }

    synchronized void stop() {
        executor.shutdownNow();
        PeerTrust.forget(this);
        state = State.STOPPED;
    }

    private synchronized void tick() {
        try {
            FileTime modified = Files.exists(settings.peersFile())
                    ? Files.getLastModifiedTime(settings.peersFile())
                    : FileTime.fromMillis(0);
            if (!modified.equals(readAt)) {
                long generation = FederationPeersFile.generation(settings.peersFile());
                List<PeerLink> desired = FederationPeersFile.read(settings.peersFile());
                reconcile(desired);
                readAt = modified;
                appliedGeneration = generation;
            }
            report();
        } catch (IOException e) {
            LOG.warning("AMICUS-FEDERATION-103 cannot read the peers file " + settings.peersFile() + ": "
                    + e.getMessage() + "; the links stay as they were");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AMICUS-FEDERATION-104 reconciling the federation links failed", e);
        }
    }

    private void reconcile(List<PeerLink> desired) {
        Map<String, PeerLink> wanted = new LinkedHashMap<>();
        desired.forEach(p -> wanted.put(p.nodeId(), p));

        // admission first: a removed or suspended peer is refused from now on
        Map<String, String> admitted = new HashMap<>();
        wanted.values().stream().filter(PeerLink::active).forEach(p -> admitted.put(p.spkiSha256(), p.nodeId()));
        PeerTrust.admit(this, admitted);
        closeConnectionsNoLongerAdmitted();

        for (PeerLink old : List.copyOf(applied.values())) {
            PeerLink now = wanted.get(old.nodeId());
            if (now == null) {
                destroyBridge(old);
                destroyQueue(old);
                applied.remove(old.nodeId());
                reported.remove(old.nodeId());
                LOG.info("AMICUS-FEDERATION-105 peer " + old.nodeId() + " removed: its bridge and queue are gone");
            } else if (!now.equals(old)) {
                destroyBridge(old);
                applied.remove(old.nodeId());
            }
        }
        for (PeerLink peer : wanted.values()) {
            ensureQueue(peer);
            if (applied.containsKey(peer.nodeId())) {
                continue;
            }
            if (peer.active()) {
                deployBridge(peer);
                setState(peer.nodeId(), LinkStatesFile.State.CONNECTING, "");
                LOG.info("AMICUS-FEDERATION-106 link to " + peer.nodeId() + " at " + peer.host() + ":" + peer.port()
                        + " configured");
            } else {
                setState(peer.nodeId(), LinkStatesFile.State.SUSPENDED, "");
                LOG.info("AMICUS-FEDERATION-107 link to " + peer.nodeId() + " suspended; its envelopes wait");
            }
            applied.put(peer.nodeId(), peer);
        }
    }

    private void closeConnectionsNoLongerAdmitted() {
        for (RemotingConnection connection : server.getRemotingService().getConnections()) {
            X509Certificate[] certificates = CertificateUtil.getCertsFromConnection(connection);
            if (certificates != null
                    && certificates.length > 0
                    && PeerTrust.admittedNode(certificates[0]).isEmpty()) {
                connection.fail(new ActiveMQException("AMICUS-FEDERATION-108 this peer is no longer admitted"));
            }
        }
    }

    private void ensureQueue(PeerLink peer) {
        try {
            server.createQueue(
                    QueueConfiguration.of(peer.outboundQueue())
                            .setAddress(peer.outboundQueue())
                            .setRoutingType(RoutingType.ANYCAST)
                            .setDurable(true)
                            .setAutoCreated(false),
                    true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the queue " + peer.outboundQueue(), e);
        }
    }

    private void destroyQueue(PeerLink peer) {
        try {
            if (server.locateQueue(SimpleString.of(peer.outboundQueue())) != null) {
                server.destroyQueue(SimpleString.of(peer.outboundQueue()), null, false, true);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "AMICUS-FEDERATION-109 cannot remove the queue of peer " + peer.nodeId(), e);
        }
    }

    private void deployBridge(PeerLink peer) {
        try {
            Path trustStore = writeTrustStore(peer);
            Map<String, Object> params = new HashMap<>();
            params.put(TransportConstants.HOST_PROP_NAME, peer.host());
            params.put(TransportConstants.PORT_PROP_NAME, peer.port());
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, ENABLED_PROTOCOLS);
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
            params.put(
                    TransportConstants.KEYSTORE_PATH_PROP_NAME,
                    settings.keyStore().toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, settings.keyStorePassword());
            params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
            params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, trustStore.toString());
            params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, new String(TRUST_STORE_PASSWORD));
            // the peer is pinned by its certificate, the only trust anchor; its host name proves nothing more
            params.put(TransportConstants.VERIFY_HOST_PROP_NAME, false);
            server.getConfiguration()
                    .addConnectorConfiguration(
                            peer.connectorName(),
                            new TransportConfiguration(
                                    NettyConnectorFactory.class.getName(), params, peer.connectorName()));
            BridgeConfiguration bridge = new BridgeConfiguration(peer.bridgeName())
                    .setQueueName(peer.outboundQueue())
                    .setForwardingAddress(BrokerSettings.FEDERATION_IN_QUEUE)
                    .setRoutingType(ComponentConfigurationRoutingType.ANYCAST)
                    .setStaticConnectors(List.of(peer.connectorName()))
                    .setUseDuplicateDetection(true)
                    .setInitialConnectAttempts(-1)
                    .setReconnectAttempts(-1)
                    .setRetryInterval(1_000)
                    .setRetryIntervalMultiplier(2.0)
                    .setMaxRetryInterval(settings.maxRetryIntervalMillis())
                    // file parts travel in chunks of LARGE_MESSAGE_CHUNK_BYTES; the windows hold two of them
                    .setMinLargeMessageSize(BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES)
                    .setConfirmationWindowSize(2 * BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES)
                    .setProducerWindowSize(2 * BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES)
                    // under TLS 1.3 a peer that refuses our certificate says so after the handshake; do not
                    // wait the default 30 s for an answer that will not come before trying again
                    .setCallTimeout(10_000)
                    .setHA(false)
                    // a peer authenticates this node by its certificate; this name is ignored there
                    .setUser("amicus-peer")
                    .setPassword("-");
            server.deployBridge(bridge);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the link to " + peer.nodeId(), e);
        }
    }

    private void destroyBridge(PeerLink peer) {
        try {
            if (server.getClusterManager().getBridges().containsKey(peer.bridgeName())) {
                server.destroyBridge(peer.bridgeName());
            }
            server.getConfiguration().getConnectorConfigurations().remove(peer.connectorName());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "AMICUS-FEDERATION-110 cannot stop the bridge to " + peer.nodeId(), e);
        }
    }

    private Path writeTrustStore(PeerLink peer) throws Exception {
        Path dir = settings.peersFile().getParent().resolve("trust");
        Files.createDirectories(dir);
        Path file = dir.resolve(peer.nodeId() + "-" + peer.spkiSha256().substring(0, 16) + ".p12");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(peer.certificateDer()));
        if (!PeerTrust.spkiSha256(certificate).equals(peer.spkiSha256())) {
            throw new IllegalStateException("the certificate of peer " + peer.nodeId() + " does not match its pin");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("peer", certificate);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, TRUST_STORE_PASSWORD);
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private void report() throws IOException {
        Map<String, Bridge> bridges = server.getClusterManager().getBridges();
        for (PeerLink peer : applied.values()) {
            if (!peer.active()) {
                continue;
            }
            Bridge bridge = bridges.get(peer.bridgeName());
            boolean connected = isUp(bridge);
            LinkState current = reported.get(peer.nodeId());
            long forwarded = bridge == null ? 0 : bridge.getMetrics().getMessagesAcknowledged();
            if (connected) {
                if (current == null || current.state() != LinkStatesFile.State.CONNECTED) {
                    LOG.info("AMICUS-FEDERATION-111 link to " + peer.nodeId() + " connected");
                    reported.put(
                            peer.nodeId(), new LinkState(LinkStatesFile.State.CONNECTED, Instant.now(), "", forwarded));
                } else {
                    reported.put(peer.nodeId(), new LinkState(current.state(), current.since(), "", forwarded));
                }
            } else {
                if (current == null || current.state() == LinkStatesFile.State.CONNECTED) {
                    if (current != null) {
                        LOG.warning("AMICUS-FEDERATION-112 link to " + peer.nodeId() + " lost; reconnecting");
                    }
                    current = new LinkState(LinkStatesFile.State.CONNECTING, Instant.now(), "", forwarded);
                }
                String error = probe(peer).orElse(current.lastError());
                reported.put(peer.nodeId(), new LinkState(current.state(), current.since(), error, forwarded));
            }
        }
        Map<String, LinkState> snapshot = new LinkedHashMap<>();
        for (String id : applied.keySet()) {
            LinkState s = reported.get(id);
            if (s != null) {
                snapshot.put(id, s);
            }
        }
        if (!snapshot.equals(written)
                || writtenGeneration != appliedGeneration
                || !Files.exists(settings.linksFile())) {
            LinkStatesFile.write(settings.linksFile(), snapshot, appliedGeneration);
            written = snapshot;
            writtenGeneration = appliedGeneration;
        }
    }

    /**
     * A bridge's session outlives its connection while it reconnects, so {@code isConnected()} alone
     * would report a dead link as up: the transport connection must be open too.
     */
    private static boolean isUp(Bridge bridge) {
        if (bridge == null || !bridge.isConnected()) {
            return false;
        }
        RemotingConnection connection = bridge.getForwardingConnection();
        return connection != null
                && !connection.isDestroyed()
                && connection.getTransportConnection() != null
                && connection.getTransportConnection().isOpen();
    }

    /** Why a link is not up, found by a plain TCP connection at most every 10 s per peer. */
    private java.util.Optional<String> probe(PeerLink peer) {
        Instant last = lastProbe.get(peer.nodeId());
        if (last != null && Duration.between(last, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0) {
            return java.util.Optional.empty();
        }
        lastProbe.put(peer.nodeId(), Instant.now());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(peer.host(), peer.port()), 2_000);
            return java.util.Optional.of("the peer's broker at " + peer.host() + ":" + peer.port()
                    + " answers but does not accept this node (has its operator added this node as a peer,"
                    + " with this node's current peering card?)");
        } catch (IOException e) {
            return java.util.Optional.of("cannot reach the peer at " + peer.host() + ":" + peer.port() + " ("
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()) + ")");
        }
    }

    private void setState(String nodeId, LinkStatesFile.State s, String error) {
        reported.put(nodeId, new LinkState(s, Instant.now(), error, 0));
    }
}
