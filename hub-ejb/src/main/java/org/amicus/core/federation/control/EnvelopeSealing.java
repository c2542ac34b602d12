package org.amicus.core.federation.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sealing and opening envelopes with this node's organisation key (implemented by the crypto unit). */
public interface EnvelopeSealing {

    /** Seals {@code draft}, signed by this organisation and encrypted to every addressee's organisation. */
    SealedEnvelope seal(Draft draft, List<Addressee> to);

    /** The envelope id and sender node an envelope's header claims, unverified; empty if unreadable. */
    Optional<Peeked> peek(byte[] wire);

    /** What an unopened envelope's header claims (all a relay sees of it). */
    record Peeked(
            UUID id,
            org.amicus.core.node.entity.NodeId fromNode,
            List<org.amicus.core.node.entity.NodeId> toNodes,
            Instant created,
            Instant expires,
            String priority) {}

    /**
     * Verifies and opens an envelope that arrived, recording its id against replay in the caller's
     * transaction.
     *
     * @throws DeliveryRefusedException with the kind of refusal (malformed, not addressed to us, …)
     */
    Delivery open(byte[] wire) throws DeliveryRefusedException;

    /** Opens a stored envelope again, as it was valid when it arrived at {@code receivedAt}. */
    Content reopen(byte[] wire, Instant receivedAt) throws DeliveryRefusedException;

    /** Lower-case hex SHA-256 of bytes. */
    String sha256(byte[] wire);
}
