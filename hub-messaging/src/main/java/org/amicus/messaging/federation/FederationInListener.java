package org.amicus.messaging.federation;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.federation.boundary.Deliveries;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.submission.boundary.ReceivedFiles;
import org.amicus.core.submission.boundary.Uploads;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.identity.NodeEnvelopes;
import org.amicus.messaging.inbox.Destinations;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Consumes {@code amicus.federation.in}, where peers' bridges deliver. Each envelope's row (or refusal record)
 * commits first, in a transaction of its own shared with the envelopes other sessions received at the same
 * moment ({@link ReceiveGroups}, {@code Deliveries.receiveAll}), then the container-managed
 * transaction acknowledges the message (docs/protocol/federation.md §5, ADR 11): it is consumed only after
 * its row committed, and a redelivery after a crash in between is recognised as a duplicate. The delivering peer is the one the broker
 * authenticated by its TLS key ({@code _AMQ_VALIDATED_USER} = {@code peer:<node id>}), never what the
 * message says of itself. A failure of this node rolls back; the broker redelivers with back-off and
 * after {@value BrokerSettings#MAX_DELIVERY_ATTEMPTS} attempts moves the message to the dead-letter queue.
 */
@MessageDriven(
        name = "FederationInListener",
        activationConfig = {
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = BrokerSettings.FEDERATION_IN_QUEUE),
            @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8"),
            @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
            @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "1000")
        })
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FederationInListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(FederationInListener.class.getName());
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    @Resource
    MessageDrivenContext context;

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
        } catch (JMSException e) {
            LOG.warning("AMICUS-FEDERATION-050 cannot read a delivered message; it will be redelivered");
            context.setRollbackOnly();
            return;
        }
        Deliveries.Outcome outcome = receive(wire, peer);
        metrics.counter(
                        "amicus_federation_received_total",
                        new Tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)))
                .inc();
    }

    /** Receives one envelope: together with what the other sessions received at the same moment (ADR 14). */
    protected Deliveries.Outcome receive(byte[] wire, Optional<NodeId> peer) {
        return groups.receive(wire, peer);
    }

    /**
     * A file beside an envelope (federation.md §3.8): routed like an envelope ({@link
     * ReceivedFiles#route}). A file for this node, from the peer that sent it or
     * from the relay this node reaches that sender through, is streamed to the incoming directory (never whole in
     * memory) before the message is acknowledged; the core then opens it once its envelope is there. A file for a
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
            Optional<ArtemisFileTransport.Named> named = files.save(message, origin, max);
            if (named.isEmpty()) {
                LOG.warning("AMICUS-SUBMISSION-024 a message from " + peer.get() + " names no valid file; dropped");
                return;
            }
            received.arrived(named.get().envelope(), named.get().fileRef(), origin);
        } catch (ArtemisFileTransport.TooLargeException e) {
            LOG.warning("AMICUS-SUBMISSION-023 a file from " + peer.get() + " was refused: " + e.getMessage());
            metrics.counter("amicus_federation_files_total", new Tag("outcome", "too-large"))
                    .inc();
            return;
        } catch (java.io.IOException | JMSException e) {
            // this node's disk or broker: roll back, the broker redelivers
            LOG.warning("AMICUS-SUBMISSION-025 a file from " + peer.get() + " could not be stored or forwarded, it"
                    + " will be redelivered: " + e.getMessage());
            context.setRollbackOnly();
            return;
        }
        metrics.counter("amicus_federation_files_total", new Tag("outcome", "arrived"))
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
