package org.amicus.messaging.federation;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.federation.control.BundleAnchor;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.LinkReport;
import org.amicus.core.federation.control.PeerLinkSpec;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.control.WaitingEnvelope;
import org.amicus.core.federation.control.WaitingPart;
import org.amicus.core.federation.control.WaitingStartUnknownException;
import org.amicus.core.node.control.InboxUnavailableException;
import org.amicus.core.node.entity.NodeId;
import org.amicus.messaging.broker.FederationPeersFile;
import org.amicus.messaging.broker.LinkStatesFile;
import org.amicus.messaging.broker.PeerLink;
import org.amicus.messaging.envelope.BundleFile;
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

    /**
     * Message property with the sender's attempt when it sends an envelope again (1 for its first resend; absent the
     * first time): a relay forwards a later attempt once more (federation.md §6). Outside the encryption, as the
     * duplicate id that carries the same number.
     */
    public static final String ATTEMPT_PROPERTY = "amicusAttempt";

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    FederationPaths settings;

    @Inject
    Clock clock;

    /**
     * A bundle stops after about this many bytes of envelopes and parts (at most one part more): well within the 2 GiB
     * a node imports, and on any stick.
     */
    static final long MAX_EXPORT_BYTES = 1024L * 1024 * 1024;

    /** A staging directory of an export this old was left by an export that never finished writing. */
    static final long STALE_STAGING_MILLIS = 24L * 3600 * 1000;

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
        queue(nextHop, envelope, envelope.id() + "#" + attempt, attempt);
    }

    private void queue(NodeId nextHop, SealedEnvelope envelope, String duplicateId) {
        queue(nextHop, envelope, duplicateId, 0);
    }

    private void queue(NodeId nextHop, SealedEnvelope envelope, String duplicateId, int attempt) {
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
            if (attempt > 0) {
                message.setIntProperty(ATTEMPT_PROPERTY, attempt);
            }
            producer.send(message);
        } catch (JMSException e) {
            throw new InboxUnavailableException("AMICUS-FEDERATION-040 cannot queue an envelope for " + nextHop, e);
        }
    }

    @Override
    public Waiting waiting(NodeId nextHop, int max, Optional<BundleAnchor> after) {
        List<WaitingEnvelope> envelopes = new ArrayList<>();
        List<WaitingPart> parts = new ArrayList<>();
        long now = clock.millis();
        boolean started = after.isEmpty();
        boolean more = false;
        BundleAnchor last = null;
        Path staging = null;
        OutputStream staged = null; // the envelopes, one after the other, in staging/envelopes
        long stagedBytes = 0;
        boolean done = false;
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            connection.start();
            QueueBrowser browser =
                    session.createBrowser(session.createQueue(PeerLink.outboundQueue(nextHop.toString())));
            QueueScan messages = QueueScan.of(browser);
            long bytes = 0;
            for (Message next = messages.next(); next != null; next = messages.next()) {
                if (!(next instanceof BytesMessage message)) {
                    continue;
                }
                Optional<BundleAnchor> entry = entryOf(message);
                if (entry.isEmpty()) {
                    continue; // neither an envelope nor a well-named part: nothing a receiver would take
                }
                if (!started) {
                    started = entry.get().equals(after.get()); // the last entry of the earlier bundle
                    continue;
                }
                if (message.getJMSExpiration() != 0 && message.getJMSExpiration() <= now) {
                    continue;
                }
                if (envelopes.size() + parts.size() >= max || bytes >= MAX_EXPORT_BYTES) {
                    more = true;
                    break;
                }
                if (staging == null) {
                    staging = stagingDirectory();
                    staged = new BufferedOutputStream(Files.newOutputStream(staging.resolve("envelopes")), 1 << 16);
                }
                if (!entry.get().isPart()) {
                    byte[] wire = new byte[(int) message.getBodyLength()]; // one envelope at a time in memory
                    message.readBytes(wire);
                    BundleFile.Entry listed =
                            BundleFile.entry(UUID.fromString(entry.get().value()), wire);
                    staged.write(wire);
                    envelopes.add(new WaitingEnvelope(
                            listed.id(), listed.size(), listed.sha256(), staging.resolve("envelopes"), stagedBytes));
                    stagedBytes += wire.length;
                    bytes += wire.length;
                } else {
                    Optional<WaitingPart> part = stage(message, entry.get(), staging.resolve(parts.size() + ".pgp"));
                    if (part.isEmpty()) {
                        continue;
                    }
                    bytes += part.get().size();
                    parts.add(part.get());
                }
                last = entry.get();
            }
            browser.close();
            if (staged != null) {
                staged.close();
            }
            done = true;
        } catch (JMSException | IOException e) {
            throw new InboxUnavailableException(
                    "AMICUS-FEDERATION-041 cannot read what waits for " + nextHop + ": " + e.getMessage(), e);
        } finally {
            if (!done && staging != null) {
                try {
                    if (staged != null) {
                        staged.close();
                    }
                } catch (IOException e) {
                    // removed below either way
                }
                Waiting.deleteTree(staging);
            }
        }
        Waiting waiting = new Waiting(envelopes, parts, Optional.ofNullable(last), more, Optional.ofNullable(staging));
        if (!started) {
            waiting.close();
            throw new WaitingStartUnknownException(after.get(), nextHop.toString());
        }
        return waiting;
    }

    /** An envelope by its id, a part of a file by its name; empty for anything else. */
    private static Optional<BundleAnchor> entryOf(BytesMessage message) throws JMSException {
        String id = message.getStringProperty(ENVELOPE_ID_PROPERTY);
        String name = id != null ? id : message.getStringProperty(ArtemisFileTransport.FILE_PROPERTY);
        try {
            return name == null ? Optional.empty() : Optional.of(new BundleAnchor(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Copies a waiting part's ciphertext (sealed by its sender, never opened here) into {@code target} with what routes
     * it; empty (nothing kept) for a part without a valid routing or larger than any part can be.
     */
    private Optional<WaitingPart> stage(BytesMessage message, BundleAnchor name, Path target)
            throws JMSException, IOException {
        Optional<NodeId> from = ArtemisFileTransport.node(message, ArtemisFileTransport.FROM_PROPERTY);
        Optional<NodeId> to = ArtemisFileTransport.node(message, ArtemisFileTransport.TO_PROPERTY);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        java.security.MessageDigest sha256;
        try {
            sha256 = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            ArtemisFileTransport.saveBody( // hashed as it is saved: the staged part is read once more, to write it
                    message, target, BundleFile.MAX_PART_BYTES - ArtemisFileTransport.FRAMING_ALLOWANCE, sha256);
        } catch (ArtemisFileTransport.TooLargeException e) {
            return Optional.empty();
        }
        int group = message.getStringProperty("JMSXGroupID") != null && message.propertyExists("JMSXGroupSeq")
                ? message.getIntProperty("JMSXGroupSeq")
                : 0;
        Optional<Instant> expires = message.getJMSExpiration() == 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(message.getJMSExpiration()));
        return Optional.of(new WaitingPart(
                name.value(),
                from.get(),
                to.get(),
                expires,
                group,
                Files.size(target),
                java.util.HexFormat.of().formatHex(sha256.digest()),
                target));
    }

    /**
     * A new owner-only directory for one export's parts; directories an interrupted export left (older than a day) are
     * removed first.
     */
    private Path stagingDirectory() throws IOException {
        Path outgoing = settings.outgoing();
        Files.createDirectories(outgoing);
        try (var old = Files.list(outgoing)) {
            long cutoff = clock.millis() - STALE_STAGING_MILLIS;
            old.filter(d -> {
                        try {
                            return Files.getLastModifiedTime(d).toMillis() < cutoff;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(Waiting::deleteTree);
        }
        Path dir = outgoing.resolve("bundle-" + UUID.randomUUID());
        try {
            Files.createDirectory(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(dir);
        }
        return dir;
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
