package org.amicus.core.cooperation.control;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.cooperation.entity.Party;

/**
 * How an event that arrives fits the chain of events both sides hold for one request and one responder
 * (docs/protocol/federation.md §3.7). Each event names the event it follows. The two sides may act at the same
 * moment, from the same event; then the requester's event stands (it speaks for the request) and the
 * responder's crossing events are superseded on both nodes, so both end with the same chain and state.
 */
public final class EventOrder {

    private EventOrder() {}

    /** One event in a chain: its id, the event it follows (none for the first) and who took it. */
    public record Link(UUID id, Optional<UUID> previous, Party party) {}

    /** What to do with an arriving event. */
    public enum Verdict {
        /** It follows the last event: apply it (if the lifecycle allows). */
        APPLY,
        /** It follows an earlier event and speaks for the request: supersede the events after that one, apply. */
        SUPERSEDE_AND_APPLY,
        /** Held already. */
        DUPLICATE,
        /** It crossed with the requester's event and is superseded by it: keep it as superseded only. */
        STALE,
        /** It follows an event not held yet (arrived out of order): keep it until that one arrives. */
        HOLD
    }

    /**
     * @param chain the events in force here, oldest first (never empty: the request's own first event)
     * @param superseded ids of events here that were superseded
     */
    public static Verdict place(List<Link> chain, List<UUID> superseded, Link incoming) {
        if (chain.stream().anyMatch(l -> l.id().equals(incoming.id())) || superseded.contains(incoming.id())) {
            return Verdict.DUPLICATE;
        }
        if (incoming.previous().isEmpty()) {
            return Verdict.STALE; // only the request's own first event starts a chain, and it is held
        }
        UUID previous = incoming.previous().get();
        if (chain.get(chain.size() - 1).id().equals(previous)) {
            return Verdict.APPLY;
        }
        for (int i = 0; i < chain.size() - 1; i++) {
            if (chain.get(i).id().equals(previous)) {
                boolean onlyResponderAfter =
                        chain.subList(i + 1, chain.size()).stream().allMatch(l -> l.party() == Party.RESPONDER);
                return incoming.party() == Party.REQUESTER && onlyResponderAfter
                        ? Verdict.SUPERSEDE_AND_APPLY
                        : Verdict.STALE;
            }
        }
        return superseded.contains(previous) ? Verdict.STALE : Verdict.HOLD;
    }
}
