package org.amicus.core.federation.entity;

/** What became of an envelope sent to one recipient node, as its sender sees it. */
public enum DeliveryState {
    /** waiting on this node or on the way; no receipt yet */
    QUEUED,
    /** the recipient node's signed receipt arrived */
    DELIVERED,
    /** its expiry passed before a receipt came: expired, not delivered */
    EXPIRED,
    /** the recipient node refused it and said why */
    REJECTED,
    /** the recipient is no longer a peer; the envelope will not go */
    UNDELIVERABLE;

    public boolean isFinal() {
        return this != QUEUED;
    }
}
