package org.amicus.core.federation.control;

import java.time.Duration;
import java.util.Objects;

/**
 * What is sealed into an envelope: the inner document's type, subject and body, the priority class and
 * how long the envelope may travel before it expires.
 */
public record Draft(String type, String subject, String body, String priority, Duration timeToLive) {

    public Draft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(timeToLive, "timeToLive");
    }
}
