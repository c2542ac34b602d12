package org.amicus.core.identity.entity;

/**
 * How far this node trusts a peer organisation's key. {@code SEEN}: imported or first met, fingerprint
 * not yet confirmed; {@code VERIFIED}: an operator confirmed the fingerprint out of band;
 * {@code REVOKED}: its owner revoked it (final: nothing from or to it is accepted again).
 */
public enum TrustState {
    SEEN,
    VERIFIED,
    REVOKED
}
