package org.amicus.core.federation.control;

/**
 * Peering cards (docs/protocol/federation.md §3): this node's own, and the checking of a peer's — its
 * TLS binding must verify against the organisation certificate it carries.
 */
public interface PeerCards {

    /** This node's card as JSON, for its operator to hand to peers. */
    String ownCard();

    /**
     * Checks a peer's card: well-formed, its TLS binding signed by its organisation key, for its node id
     * and TLS key, and not expired.
     *
     * @throws InvalidCardException with a reason an operator can act on
     */
    CheckedCard check(String cardJson) throws InvalidCardException;
}
