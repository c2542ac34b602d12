package org.amicus.core.federation.control;

import java.time.Duration;
import java.util.Objects;

/**
 * What is sealed into an envelope: the inner document's type, subject and body, the priority class, how
 * long the envelope may travel before it expires, and the message's marking (canonical marking JSON; empty
 * for the protocol's own documents: receipts, certificates, rosters).
 */
public record Draft(String type, String subject, String body, String priority, Duration timeToLive, String marking) {

    public Draft(String type, String subject, String body, String priority, Duration timeToLive) {
        this(type, subject, body, priority, timeToLive, "");
    }

    /** The same draft under {@code marking}. */
    public Draft marked(String marking) {
        return new Draft(type, subject, body, priority, timeToLive, marking);
    }

    public Draft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(timeToLive, "timeToLive");
        marking = marking == null ? "" : marking;
    }
}
