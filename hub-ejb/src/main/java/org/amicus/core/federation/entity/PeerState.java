package org.amicus.core.federation.entity;

/** Where a peer stands with this node. */
public enum PeerState {
    /** envelopes flow both ways */
    ACTIVE,
    /** no link, no admission; envelopes for it wait */
    SUSPENDED,
    /** gone; envelopes that waited for it are reported undeliverable. It can be added again. */
    REMOVED
}
