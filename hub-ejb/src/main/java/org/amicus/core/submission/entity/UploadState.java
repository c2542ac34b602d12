package org.amicus.core.submission.entity;

/** Where an upload stands. Only {@link #RECEIVING} takes chunks; only {@link #COMPLETE} is evidence. */
public enum UploadState {
    /** Taking chunks; resumable until it has been idle for the node's resumable time. */
    RECEIVING,
    /** Every byte arrived and its SHA-256 at intake is recorded. */
    COMPLETE,
    /** Its SHA-256 did not match the one announced: discarded. */
    REFUSED,
    /** Given up by its uploader: discarded. */
    ABANDONED,
    /** Idle for longer than it could be resumed: discarded. */
    EXPIRED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
