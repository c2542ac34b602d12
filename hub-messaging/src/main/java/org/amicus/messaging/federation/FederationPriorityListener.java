package org.amicus.messaging.federation;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.amicus.core.federation.boundary.Deliveries;
import org.amicus.core.node.entity.NodeId;
import org.amicus.messaging.broker.BrokerSettings;
import org.amicus.messaging.inbox.Destinations;

/**
 * Receives what peers deliver with the alert priority: the broker diverts it from {@code amicus.federation.in} to
 * {@code amicus.federation.in.priority} as it arrives, and these sessions take it exactly as
 * {@link FederationInListener} takes everything else. The main listener's sessions each hold up to a megabyte of
 * what waits for them (large files stream through them); an alert in the same queue would wait behind all of that,
 * here it waits behind nothing (docs/alerts.md, ADR 18).
 */
@MessageDriven(
        name = "FederationPriorityListener",
        activationConfig = {
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = Destinations.RESOURCE_ADAPTER),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(
                    propertyName = "destination",
                    propertyValue = BrokerSettings.FEDERATION_PRIORITY_QUEUE),
            @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Dups-ok-acknowledge"),
            @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
            @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "1000")
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FederationPriorityListener extends FederationInListener {

    @Inject
    Deliveries deliveries;

    /** An alert commits in a transaction of its own at once, not in the next group of the main listener's. */
    @Override
    protected Deliveries.Outcome receive(byte[] wire, Optional<NodeId> peer, int attempt) {
        return deliveries.receive(wire, peer, attempt);
    }
}
