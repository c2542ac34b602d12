package org.amicus.messaging.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amicus.messaging.envelope.TlsIdentity;
import org.amicus.messaging.testing.LoopbackPorts;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real node brokers in this JVM, federated as in production: TLS with mutual authentication by
 * pinned keys, a core bridge per peer, the peer role limited to sending into the inbound address.
 * (Separate node processes are tested in hub-ear's FederationIT.)
 */
class FederationLinksTest {

    private static final char[] STORE_PASSWORD = "store-password-for-tests".toCharArray();

    @TempDir
    Path dir;

    private Node a;
    private Node b;

    /** One broker with its TLS identity and files. */
    private record Node(
            String id,
            Path data,
            int port,
            int federationPort,
            TlsIdentity tls,
            FederationSettings federation,
            NodeBroker broker) {

        PeerLink asPeer(boolean active) throws Exception {
            return new PeerLink(
                    id,
                    "127.0.0.1",
                    federationPort,
                    tls.spkiSha256(),
                    tls.certificate().getEncoded(),
                    active);
        }

        ActiveMQConnectionFactory local() {
            ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, "node", "secret");
            f.setReconnectAttempts(0);
            return f;
        }
    }

    @BeforeEach
    void twoNodes() throws Exception {
        a = node("a");
        b = node("b");
    }

    @AfterEach
    void stop() {
        for (Node n : new Node[] {a, b}) {
            if (n != null && n.broker() != null) {
                n.broker().stop();
            }
        }
    }

    @Test
    void anEnvelopeQueuedForAPeerArrivesInItsInboundQueueOnceOverMutualTls() throws Exception {
        bothStartedAndPeered();

        String envelopeId = UUID.randomUUID().toString();
        try (JMSContext ctx = a.local().createContext()) {
            for (int i = 0; i < 2; i++) { // the same envelope twice: duplicate detection keeps one
                BytesMessage m = ctx.createBytesMessage();
                m.writeBytes(new byte[] {1, 2, 3});
                m.setStringProperty("_AMQ_DUPL_ID", envelopeId);
                ctx.createProducer().send(ctx.createQueue(PeerLink.outboundQueue(b.id())), m);
            }
        }
        try (JMSContext ctx = b.local().createContext()) {
            var consumer = ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE));
            Message m = consumer.receive(30_000);
            assertNotNull(m, "delivered over the bridge");
            assertEquals(3, m.getBody(byte[].class).length);
            assertNull(consumer.receive(1_000), "exactly once");
        }
        awaitLink(a, b.id(), LinkStatesFile.State.CONNECTED);
    }

    @Test
    void aLargeMessageCrossesTheBridgeWholeAndOnceInTheNodesChunks() throws Exception {
        bothStartedAndPeered();

        // a file part's shape: a streamed body of several chunks plus a bit, sent with a duplicate id
        int size = 5 * BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES + 12_345;
        byte[] body = new byte[size];
        new java.util.Random(7).nextBytes(body);
        String partId = UUID.randomUUID().toString();
        ActiveMQConnectionFactory sending = a.local();
        sending.setMinLargeMessageSize(BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES);
        // and an envelope just under a chunk: sent as an ordinary message, more than a journal record holds
        byte[] envelope = java.util.Arrays.copyOf(body, BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES - 4096);
        try (JMSContext ctx = sending.createContext()) {
            for (int i = 0; i < 2; i++) {
                BytesMessage m = ctx.createBytesMessage();
                m.setObjectProperty("JMS_AMQ_InputStream", new java.io.ByteArrayInputStream(body));
                m.setStringProperty("_AMQ_DUPL_ID", partId);
                ctx.createProducer().send(ctx.createQueue(PeerLink.outboundQueue(b.id())), m);
            }
            BytesMessage m = ctx.createBytesMessage();
            m.writeBytes(envelope);
            m.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
            ctx.createProducer().send(ctx.createQueue(PeerLink.outboundQueue(b.id())), m);
        }
        try (JMSContext ctx = b.local().createContext()) {
            var consumer = ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE));
            Message m = consumer.receive(60_000);
            assertNotNull(m, "delivered over the bridge");
            var received = new java.io.ByteArrayOutputStream(size);
            m.setObjectProperty("JMS_AMQ_SaveStream", received);
            assertTrue(java.util.Arrays.equals(body, received.toByteArray()), "the same bytes, whole");
            Message next = consumer.receive(30_000);
            assertNotNull(next, "the envelope follows");
            assertTrue(java.util.Arrays.equals(envelope, next.getBody(byte[].class)), "the envelope, whole");
            assertNull(consumer.receive(1_000), "exactly once");
        }
    }

    @Test
    void theResourceAdaptersChunksAreTheBridges() throws Exception {
        // the node's server sends and takes file parts through the resource adapter (ra.xml), the broker forwards
        // them over the bridge (FederationLinks): both must cut large messages the same way
        String raXml = Files.readString(Path.of("resource-adapter/src/main/rar/META-INF/ra.xml"));
        assertEquals(
                String.valueOf(BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES), raProperty(raXml, "MinLargeMessageSize"));
        assertEquals(
                String.valueOf(2 * BrokerSettings.LARGE_MESSAGE_CHUNK_BYTES), raProperty(raXml, "ProducerWindowSize"));
    }

    private static String raProperty(String raXml, String name) {
        var m = java.util.regex.Pattern.compile("<config-property-name>" + name
                        + "</config-property-name>\\s*<config-property-type>[^<]*</config-property-type>\\s*"
                        + "<config-property-value>([^<]*)</config-property-value>")
                .matcher(raXml);
        assertTrue(m.find(), name + " is set in ra.xml");
        return m.group(1);
    }

    @Test
    void aPeerMaySendIntoTheInboundAddressAndDoNothingElse() throws Exception {
        start(b);
        FederationPeersFile.write(b.federation().peersFile(), List.of(a.asPeer(true)));
        awaitAdmitted(a);

        try (JMSContext ctx = peerClient(a, b).createContext()) {
            ctx.createProducer().send(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE), "for the node");
            assertThrows(
                    RuntimeException.class,
                    () -> ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE)));
            assertThrows(
                    RuntimeException.class,
                    () -> ctx.createProducer().send(ctx.createQueue(BrokerSettings.INBOX_QUEUE), "x"));
            assertThrows(
                    Exception.class,
                    () -> ctx.createBrowser(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE))
                            .getEnumeration()
                            .hasMoreElements());
            assertThrows(
                    RuntimeException.class,
                    () -> ctx.createProducer().send(ctx.createQueue("amicus.federation.out.x"), "x"));
        }
    }

    @Test
    void aPeerIsKnownByItsKeyEvenWhenItCopiesAnotherPeersSubjectName() throws Exception {
        Node c = nodeWithSubjectOf(a, "c");
        start(b);
        FederationPeersFile.write(b.federation().peersFile(), List.of(a.asPeer(true), c.asPeer(true)));
        awaitAdmitted(a);
        awaitAdmitted(c);

        for (Node sender : new Node[] {a, c}) {
            try (JMSContext ctx = peerClient(sender, b).createContext()) {
                ctx.createProducer().send(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE), sender.id());
            }
        }
        try (JMSContext ctx = b.local().createContext()) {
            var consumer = ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE));
            for (int i = 0; i < 2; i++) {
                Message m = consumer.receive(10_000);
                assertNotNull(m);
                assertEquals(
                        "peer:" + m.getBody(String.class),
                        m.getStringProperty("_AMQ_VALIDATED_USER"),
                        "the broker names the peer whose key connected, not one with the same subject name");
            }
        }
    }

    @Test
    void aCertificateThatIsNoAdmittedPeersCannotConnect() throws Exception {
        start(b);
        FederationPeersFile.write(b.federation().peersFile(), List.of()); // a is not a peer of b
        Thread.sleep(1_500);

        assertThrows(
                RuntimeException.class, () -> peerClient(a, b).createContext().close());
    }

    @Test
    void aSuspendedPeerIsRefusedAndItsEnvelopesWaitThenFlowWhenResumed() throws Exception {
        start(a);
        start(b);
        FederationPeersFile.write(a.federation().peersFile(), List.of(b.asPeer(false)));
        FederationPeersFile.write(b.federation().peersFile(), List.of(a.asPeer(true)));
        try (JMSContext ctx = a.local().createContext()) {
            ctx.createProducer().send(ctx.createQueue(PeerLink.outboundQueue(b.id())), "waiting");
        }
        awaitLink(a, b.id(), LinkStatesFile.State.SUSPENDED);
        try (JMSContext ctx = b.local().createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE))
                    .receive(2_000));
        }

        FederationPeersFile.write(a.federation().peersFile(), List.of(b.asPeer(true)));

        try (JMSContext ctx = b.local().createContext()) {
            Message m = ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE))
                    .receive(30_000);
            assertNotNull(m);
            assertEquals("waiting", m.getBody(String.class));
        }
    }

    @Test
    void aLinkToAPeerThatIsDownSaysWhyAndDeliversWhenItComesUp() throws Exception {
        start(a);
        FederationPeersFile.write(a.federation().peersFile(), List.of(b.asPeer(true)));
        try (JMSContext ctx = a.local().createContext()) {
            ctx.createProducer().send(ctx.createQueue(PeerLink.outboundQueue(b.id())), "stored");
        }
        LinkStatesFile.LinkState down = awaitLink(a, b.id(), LinkStatesFile.State.CONNECTING);
        for (int i = 0; i < 50 && down.lastError().isEmpty(); i++) {
            Thread.sleep(200);
            down = LinkStatesFile.read(a.federation().linksFile()).get(b.id());
        }
        assertTrue(
                down.lastError().contains("cannot reach the peer at 127.0.0.1:" + b.federationPort()),
                down.lastError());

        start(b);
        FederationPeersFile.write(b.federation().peersFile(), List.of(a.asPeer(true)));
        try (JMSContext ctx = b.local().createContext()) {
            Message m = ctx.createConsumer(ctx.createQueue(BrokerSettings.FEDERATION_IN_QUEUE))
                    .receive(30_000);
            assertNotNull(m, "store and forward");
        }
    }

    private Node node(String name) throws Exception {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        TlsIdentity tls = TlsIdentity.create(data.resolve("tls.p12"), STORE_PASSWORD, "test " + name, Instant.now());
        int federationPort = LoopbackPorts.free();
        FederationSettings f = new FederationSettings(
                "127.0.0.1",
                federationPort,
                data.resolve("tls.p12"),
                new String(STORE_PASSWORD),
                data.resolve("federation/peers.properties"),
                data.resolve("federation/links.properties"),
                2_000);
        int port = LoopbackPorts.free();
        NodeBroker broker = new NodeBroker(
                new BrokerSettings(data.resolve("broker"), "127.0.0.1", port, "node", "secret", 500_000), f);
        return new Node(UUID.randomUUID().toString(), data, port, federationPort, tls, f, broker);
    }

    /** A node whose self-made certificate copies {@code other}'s subject name exactly (a peer may choose any). */
    private Node nodeWithSubjectOf(Node other, String name) throws Exception {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        var subject = new org.bouncycastle.asn1.x500.X500Name(
                other.tls().certificate().getSubjectX500Principal().getName());
        var holder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                        subject,
                        java.math.BigInteger.TEN,
                        java.util.Date.from(Instant.now().minusSeconds(60)),
                        java.util.Date.from(Instant.now().plusSeconds(86_400)),
                        subject,
                        pair.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .build(pair.getPrivate()));
        var certificate =
                (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
        assertEquals(other.tls().certificate().getSubjectX500Principal(), certificate.getSubjectX500Principal());
        var store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "amicus-node-tls", pair.getPrivate(), STORE_PASSWORD, new java.security.cert.Certificate[] {certificate
                });
        try (var out = Files.newOutputStream(data.resolve("tls.p12"))) {
            store.store(out, STORE_PASSWORD);
        }
        TlsIdentity tls = TlsIdentity.load(data.resolve("tls.p12"), STORE_PASSWORD);
        FederationSettings f = new FederationSettings(
                "127.0.0.1",
                LoopbackPorts.free(),
                data.resolve("tls.p12"),
                new String(STORE_PASSWORD),
                data.resolve("federation/peers.properties"),
                data.resolve("federation/links.properties"),
                2_000);
        return new Node(UUID.randomUUID().toString(), data, LoopbackPorts.free(), f.port(), tls, f, null);
    }

    private void bothStartedAndPeered() throws Exception {
        start(a);
        start(b);
        FederationPeersFile.write(a.federation().peersFile(), List.of(b.asPeer(true)));
        FederationPeersFile.write(b.federation().peersFile(), List.of(a.asPeer(true)));
    }

    private static void start(Node n) throws Exception {
        n.broker().start();
    }

    /** A client that connects to {@code to}'s federation acceptor with {@code as}'s TLS key, as its bridge does. */
    private static ActiveMQConnectionFactory peerClient(Node as, Node to) throws Exception {
        Path trust = as.data().resolve("trust-" + to.id() + ".p12");
        var store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("peer", to.tls().certificate());
        try (var out = Files.newOutputStream(trust)) {
            store.store(out, "t".toCharArray());
        }
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + to.federationPort()
                + "?sslEnabled=true&keyStoreType=PKCS12&keyStorePath="
                + as.federation().keyStore()
                + "&keyStorePassword=" + new String(STORE_PASSWORD)
                + "&trustStoreType=PKCS12&trustStorePath=" + trust + "&trustStorePassword=t&verifyHost=false");
        f.setReconnectAttempts(0);
        f.setInitialConnectAttempts(1);
        return f;
    }

    private static void awaitAdmitted(Node peer) throws InterruptedException {
        for (int i = 0; i < 50 && !PeerTrust.isAdmitted(peer.tls().spkiSha256()); i++) {
            Thread.sleep(100);
        }
    }

    private static LinkStatesFile.LinkState awaitLink(Node at, String peer, LinkStatesFile.State state)
            throws Exception {
        for (int i = 0; i < 150; i++) {
            Map<String, LinkStatesFile.LinkState> links =
                    LinkStatesFile.read(at.federation().linksFile());
            if (links.containsKey(peer) && links.get(peer).state() == state) {
                return links.get(peer);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the link to " + peer + " did not become " + state + ": "
                + LinkStatesFile.read(at.federation().linksFile()));
    }
}
