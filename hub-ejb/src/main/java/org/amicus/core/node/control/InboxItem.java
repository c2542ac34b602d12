package org.amicus.core.node.control;

import java.util.Objects;

/**
 * What travels through the local inbox: a kind and the id of the record it concerns, never content
 * or serialised entities.
 *
 * @param kind what the listener should do
 * @param reference the id of the record concerned, in its canonical text form
 */
public record InboxItem(Kind kind, String reference) {

    /** The kinds the inbox listener understands. */
    public enum Kind {
        PING
    }

    public InboxItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
    }
}
