package org.amicus.messaging.federation;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.federation.boundary.Deliveries;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.submission.boundary.ReceivedFiles;
import org.amicus.core.submission.boundary.Uploads;
import org.amicus.core.submission.control.FileTransport;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.identity.NodeEnvelopes;
import org.amicus.messaging.inbox.Destinations;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Consumes {@code amicus.federation.in}, where peers' bridges deliver. Each envelope's row (or refusal record)
 * commits in a transaction of its own, shared with the envelopes other sessions received at the same moment
 * ({@link ReceiveGroups}, {@code Deliveries.receiveAll}); the message is acknowledged only after that, when
 * {@code onMessage} returns (docs/protocol/federation.md §5, ADR 11, ADR 23). The listener itself runs in no
 * transaction: a message is consumed only after its row committed, and a redelivery after a crash in between is
 * recognised as a duplicate, so a broker transaction around each message would add nothing but its cost. The
 * delivering peer is the one the broker authenticated by its TLS key ({@code _AMQ_VALIDATED_USER} =
 * {@code peer:<node id>}), never what the message says of itself. A failure of this node throws ({@link
 * Redelivery}, or the failure itself), which the resource adapter answers by rolling the delivery back; the broker
 * redelivers with back-off and after {@value BrokerSettings#MAX_DELIVERY_ATTEMPTS} attempts moves the message to
 * the dead-letter queue.
 */
@MessageDriven(
        name = "FederationInListener",
        activationConfig = {
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = BrokerSettings.FEDERATION_IN_QUEUE),
            @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8"),
            // acknowledged after onMessage returns, with no transaction: a redelivery is recognised (ADR 23)
            @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Dups-ok-acknowledge"),
            @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
            @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "1000")
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FederationInListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(FederationInListener.class.getName());
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    @Inject
    ReceiveGroups groups;

    @Inject
    MetricRegistry metrics;

    @Inject
    ArtemisFileTransport files;

    @Inject
    ReceivedFiles received;

    @Override
    public void onMessage(Message message) {
        byte[] wire;
        Optional<NodeId> peer;
        int attempt;
        try {
            if (message.propertyExists(ArtemisFileTransport.FILE_PROPERTY)) {
                if (message instanceof BytesMessage file) {
                    receiveFile(file, peer(message.getStringProperty(VALIDATED_USER)));
                } else {
                    LOG.warning("AMICUS-SUBMISSION-026 a file message without a byte body was dropped");
                }
                return;
            }
            if (!(message instanceof BytesMessage bytes)
                    || bytes.getBodyLength() > NodeEnvelopes.MAX_PAYLOAD + 1024 * 1024) {
                wire = new byte[0];
            } else {
                wire = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(wire);
            }
            peer = peer(message.getStringProperty(VALIDATED_USER));
            attempt = attempt(message);
        } catch (JMSException e) {
            LOG.warning("AMICUS-FEDERATION-050 cannot read a delivered message; it will be redelivered");
            throw new Redelivery("AMICUS-FEDERATION-050 a delivered message could not be read");
        }
        Deliveries.Outcome outcome = receive(wire, peer, attempt);
        metrics.counter(
                        "amicus_federation_received_total",
                        new Tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)))
                .inc();
    }

    /** Receives one envelope: together with what the other sessions received at the same moment (ADR 14). */
    protected Deliveries.Outcome receive(byte[] wire, Optional<NodeId> peer, int attempt) {
        return groups.receive(wire, peer, attempt);
    }

    /**
     * Which sending of its origin's a message is ({@link ArtemisFederationTransport#ATTEMPT_PROPERTY}; 0 the first):
     * set by the node that sent it again, read only by a relay to forward a resend once more. Anything else counts
     * as the first sending.
     */
    static int attempt(Message message) throws JMSException {
        if (!message.propertyExists(ArtemisFederationTransport.ATTEMPT_PROPERTY)) {
            return 0;
        }
        try {
            return Math.max(0, message.getIntProperty(ArtemisFederationTransport.ATTEMPT_PROPERTY));
        } catch (jakarta.jms.MessageFormatException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A part of a file beside an envelope (federation.md §3.8): routed like an envelope ({@link
     * ReceivedFiles#route}). A part for this node, from the peer that sent it or
     * from the relay this node reaches that sender through, is opened as it is delivered straight into the evidence
     * store when its envelope is already here and the parts before it are opened, and otherwise streamed to the
     * incoming directory (never whole in memory) before the message is acknowledged, for the core to open in its
     * turn. A file for a
     * node this node relays to is forwarded unread, in this transaction. Anything else, and a file larger than any
     * this node takes, is dropped with a warning (its envelope's receipt will say it never arrived); one this node
     * cannot store or forward now is rolled back and redelivered.
     */
    private void receiveFile(BytesMessage message, Optional<NodeId> peer) throws JMSException {
        ReceivedFiles.Route route = peer.isEmpty()
                ? new ReceivedFiles.Drop("not-a-peer")
                : received.route(
                        peer.get(),
                        ArtemisFileTransport.node(message, ArtemisFileTransport.FROM_PROPERTY),
                        ArtemisFileTransport.node(message, ArtemisFileTransport.TO_PROPERTY));
        if (route instanceof ReceivedFiles.Drop drop) {
            LOG.warning("AMICUS-SUBMISSION-022 a file delivered by "
                    + peer.map(Object::toString).orElse("no peer") + " was dropped: " + drop.kind());
            metrics.counter("amicus_federation_files_total", new Tag("outcome", drop.kind()))
                    .inc();
            return;
        }
        long max = Uploads.MAX_FILE;
        try {
            if (route instanceof ReceivedFiles.Forward forward) {
                if (!files.forward(message, forward.target(), max)) {
                    LOG.warning("AMICUS-SUBMISSION-024 a file from " + peer.get()
                            + " names no valid file or has expired; dropped");
                    return;
                }
                metrics.counter("amicus_federation_files_total", new Tag("outcome", "relayed"))
                        .inc();
                return;
            }
            NodeId origin = ((ReceivedFiles.Keep) route).origin();
            Optional<ArtemisFileTransport.Named> named = ArtemisFileTransport.named(message);
            if (named.isEmpty()) {
                LOG.warning("AMICUS-SUBMISSION-024 a message from " + peer.get() + " names no valid file; dropped");
                return;
            }
            ReceivedFiles.Claim claim = received.claim(
                    named.get().envelope(), named.get().fileRef(), named.get().part(), origin);
            if (claim instanceof ReceivedFiles.Claimed claimed) {
                try {
                    openAsDelivered(message, claimed.expected());
                } finally {
                    received.release(claimed.expected());
                }
                return;
            }
            if (claim instanceof ReceivedFiles.Settled) {
                LOG.info("AMICUS-SUBMISSION-048 part " + named.get().part() + " of file "
                        + named.get().fileRef()
                        + " of envelope " + named.get().envelope() + " delivered again after it was opened or its"
                        + " file settled; dropped");
                metrics.counter("amicus_federation_files_total", new Tag("outcome", "duplicate"))
                        .inc();
                return;
            }
            files.save(message, named.get(), origin, max); // the envelope is not here yet: opened when it is
            received.arrived(named.get().envelope(), named.get().fileRef(), origin);
        } catch (ArtemisFileTransport.TooLargeException e) {
            LOG.warning("AMICUS-SUBMISSION-023 a file from " + peer.get() + " was refused: " + e.getMessage());
            metrics.counter("amicus_federation_files_total", new Tag("outcome", "too-large"))
                    .inc();
            return;
        } catch (java.io.IOException | java.io.UncheckedIOException | JMSException e) {
            // this node's disk or broker: roll back, the broker redelivers
            LOG.warning("AMICUS-SUBMISSION-025 a file from " + peer.get() + " could not be stored or forwarded, it"
                    + " will be redelivered: " + e.getMessage());
            throw new Redelivery("AMICUS-SUBMISSION-025 a delivered file could not be stored or forwarded");
        }
        metrics.counter("amicus_federation_files_total", new Tag("outcome", "arrived"))
                .inc();
    }

    /**
     * The envelope naming the file is here and this is the next part it waits for: it is opened as the broker delivers
     * it, appended to the file in the evidence store (no copy in the incoming directory), and recorded (the file
     * verified or refused after its last part). A failure to read or store it now throws, so the message is
     * redelivered, with nothing kept.
     */
    private void openAsDelivered(BytesMessage message, ReceivedFiles.Expected expected) throws IOException {
        StoredFile stored;
        try {
            stored = files.openDelivered(message, expected.partBytes(), expected.into());
        } catch (FileTransport.FileRefusedException e) {
            LOG.warning("AMICUS-SUBMISSION-038 file of item " + expected.item() + " of submission "
                    + expected.submission() + " refused: " + e.kind());
            received.refused(expected, e.kind());
            metrics.counter("amicus_federation_files_total", new Tag("outcome", "refused"))
                    .inc();
            return;
        }
        try {
            received.opened(expected, stored);
        } catch (RuntimeException e) {
            files.discard(expected.into(), stored); // settled meanwhile, or the record failed: nothing half-kept
            throw e;
        }
        metrics.counter("amicus_federation_files_total", new Tag("outcome", "opened"))
                .inc();
    }

    static Optional<NodeId> peer(String validatedUser) {
        if (validatedUser == null || !validatedUser.startsWith("peer:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(NodeId.parse(validatedUser.substring("peer:".length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
