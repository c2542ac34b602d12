package org.amicus.messaging.federation;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.LinkReport;
import org.amicus.core.federation.control.PeerLinkSpec;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.control.WaitingEnvelope;
import org.amicus.core.federation.control.WaitingStartUnknownException;
import org.amicus.core.node.control.InboxUnavailableException;
import org.amicus.core.node.entity.NodeId;
import org.amicus.messaging.broker.FederationPeersFile;
import org.amicus.messaging.broker.LinkStatesFile;
import org.amicus.messaging.broker.PeerLink;
import org.amicus.messaging.envelope.TlsIdentity;
import org.amicus.messaging.inbox.Destinations;

/**
 * The transport over the node's Artemis broker: an envelope for a peer is a persistent bytes message on
 * {@code amicus.federation.out.<peer>} (sent through the XA connection factory, so it is queued if and
 * only if the caller's transaction commits), carrying its id as the duplicate-detection id, its expiry
 * and its priority; the broker's bridge takes it from there. Peers reach the broker through the peers
 * file, link states come back through the links file.
 */
@Stateless
public class ArtemisFederationTransport implements FederationTransport {

    /** Message property with the envelope id (routing only; the receiver trusts the envelope, not this). */
    public static final String ENVELOPE_ID_PROPERTY = "amicusEnvelope";

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    FederationPaths settings;

    @Inject
    Clock clock;

    /** Envelopes read for one bundle stop after about this many bytes (the rest go in the next). */
    static final long MAX_WAITING_BYTES = 256L * 1024 * 1024;

    /** How long a peer change waits for the broker to apply it before answering anyway. */
    static final long APPLY_WAIT_MILLIS = 5_000;

    /**
     * Writes the peers for the broker and waits (up to {@value #APPLY_WAIT_MILLIS} ms) until the broker
     * reports it has applied them, so that a suspension or removal holds when the operator's request
     * returns. A broker that is down applies the file when it starts.
     */
    @Override
    public void publishPeers(List<PeerLinkSpec> peers) {
        long generation;
        try {
            generation = Math.max(FederationPeersFile.generation(settings.peersFile()) + 1, clock.millis());
            FederationPeersFile.write(
                    settings.peersFile(),
                    peers.stream()
                            .map(p -> new PeerLink(
                                    p.node().toString(),
                                    p.address().host(),
                                    p.address().port(),
                                    p.tls().spkiSha256(),
                                    der(p.tls().certificatePem()),
                                    p.active()))
                            .toList(),
                    generation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the peers file " + settings.peersFile(), e);
        }
        long deadline = System.nanoTime() + APPLY_WAIT_MILLIS * 1_000_000;
        while (LinkStatesFile.appliedGeneration(settings.linksFile()) < generation && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void send(NodeId nextHop, SealedEnvelope envelope) {
        queue(nextHop, envelope, envelope.id().toString());
    }

    @Override
    public void resend(NodeId nextHop, SealedEnvelope envelope, int attempt) {
        queue(nextHop, envelope, envelope.id() + "#" + attempt);
    }

    private void queue(NodeId nextHop, SealedEnvelope envelope, String duplicateId) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            MessageProducer producer =
                    session.createProducer(session.createQueue(PeerLink.outboundQueue(nextHop.toString())));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.setPriority(priority(envelope.priority()));
            long ttl = envelope.expires().toEpochMilli() - clock.millis();
            producer.setTimeToLive(Math.max(1, ttl));
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(envelope.wire());
            message.setStringProperty(ENVELOPE_ID_PROPERTY, envelope.id().toString());
            message.setStringProperty("_AMQ_DUPL_ID", duplicateId);
            producer.send(message);
        } catch (JMSException e) {
            throw new InboxUnavailableException("AMICUS-FEDERATION-040 cannot queue an envelope for " + nextHop, e);
        }
    }

    @Override
    public Waiting waiting(NodeId nextHop, int max, java.util.Optional<UUID> after) {
        List<WaitingEnvelope> waiting = new ArrayList<>();
        long now = clock.millis();
        boolean started = after.isEmpty();
        boolean more = false;
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            connection.start();
            QueueBrowser browser =
                    session.createBrowser(session.createQueue(PeerLink.outboundQueue(nextHop.toString())));
            Enumeration<?> messages = browser.getEnumeration();
            long bytes = 0;
            while (messages.hasMoreElements()) {
                if (!(messages.nextElement() instanceof BytesMessage message)) {
                    continue;
                }
                String id = message.getStringProperty(ENVELOPE_ID_PROPERTY);
                if (id == null) {
                    continue; // a part of a file: files do not travel in bundles (federation.md §7)
                }
                if (!started) {
                    started = id.equals(after.get().toString()); // the last envelope of the earlier bundle
                    continue;
                }
                if (message.getJMSExpiration() != 0 && message.getJMSExpiration() <= now) {
                    continue;
                }
                if (waiting.size() >= max || bytes >= MAX_WAITING_BYTES) {
                    more = true;
                    break;
                }
                byte[] wire = new byte[(int) message.getBodyLength()];
                message.readBytes(wire);
                bytes += wire.length;
                waiting.add(new WaitingEnvelope(UUID.fromString(id), wire));
            }
            browser.close();
        } catch (JMSException e) {
            throw new InboxUnavailableException(
                    "AMICUS-FEDERATION-041 cannot read the envelopes waiting for " + nextHop, e);
        }
        if (!started) {
            throw new WaitingStartUnknownException(after.get(), nextHop.toString());
        }
        return new Waiting(waiting, more);
    }

    @Override
    public Map<NodeId, LinkReport> links() {
        Map<NodeId, LinkReport> links = new LinkedHashMap<>();
        if (settings.directory().isEmpty()) {
            return links;
        }
        try {
            LinkStatesFile.read(settings.linksFile())
                    .forEach((id, s) -> links.put(
                            NodeId.parse(id),
                            new LinkReport(
                                    s.state().name().toLowerCase(java.util.Locale.ROOT),
                                    s.since(),
                                    s.lastError(),
                                    s.forwarded())));
        } catch (IOException e) {
            // the broker rewrites it within a second; report nothing rather than fail the view
        }
        return links;
    }

    /** Artemis priorities: alerts overtake everything queued, bulk goes last. */
    static int priority(String priorityClass) {
        return switch (priorityClass) {
            case "alert" -> 9;
            case "bulk" -> 0;
            default -> 4;
        };
    }

    private static byte[] der(String pem) {
        try {
            return TlsIdentity.parseCertificate(pem.getBytes(StandardCharsets.US_ASCII))
                    .getEncoded();
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored TLS certificate is unreadable", e);
        }
    }
}
