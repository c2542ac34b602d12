package org.amicus.messaging.federation;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.amicus.core.federation.boundary.Deliveries;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.platform.control.GroupCommit;

/**
 * Receives envelopes by group commit (ADR 14): the listener's sessions each hand in the envelope they consumed;
 * one at a time commits every envelope waiting in one transaction ({@code Deliveries.receiveAll}), and each
 * session acknowledges its message only once its own envelope's row has committed. Under load one disk sync
 * serves several envelopes; alone, an envelope goes by itself at once. A group that fails is received one by
 * one, so a bad envelope is redelivered alone.
 */
@ApplicationScoped
public class ReceiveGroups {

    /** The most envelopes one transaction receives. */
    static final int MAX_GROUP = 32;

    @Inject
    Deliveries deliveries;

    private GroupCommit<Deliveries.Arrival, Deliveries.Outcome> group;

    @PostConstruct
    void start() {
        group = new GroupCommit<>(
                MAX_GROUP,
                arrivals -> deliveries.receiveAll(arrivals),
                a -> deliveries.receive(a.wire(), a.viaPeer(), a.attempt()));
    }

    /** Receives the {@code attempt}-th sending of an envelope (0 the first; see {@code Deliveries.receive}). */
    public Deliveries.Outcome receive(byte[] wire, Optional<NodeId> viaPeer, int attempt) {
        return group.commit(new Deliveries.Arrival(wire, viaPeer, attempt));
    }
}
