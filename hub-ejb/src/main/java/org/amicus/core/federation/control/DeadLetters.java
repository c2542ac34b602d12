package org.amicus.core.federation.control;

import java.util.List;
import java.util.Optional;

/**
 * The node's dead-letter queue (implemented over Artemis in hub-messaging): messages the node failed to process
 * after the broker's last delivery attempt. They wait there, unread and never dropped, until the operator has
 * them retried.
 */
public interface DeadLetters {

    /** A dead letter's message id (a JMS message id as Artemis makes them). */
    java.util.regex.Pattern MESSAGE_ID = java.util.regex.Pattern.compile("ID:[0-9a-fA-F-]{36}");

    /** The dead letters, oldest first, at most {@code max}; read without taking them. */
    List<DeadLetter> list(int max);

    /** How many dead letters there are. */
    long count();

    /** Moves the dead letter with this message id back to its queue; false if there is none. */
    boolean retry(String messageId);

    /** Moves every dead letter back to its queue; returns how many there were. */
    long retryAll();

    /** One dead letter as the broker holds it; its content stays sealed and is not read. */
    record DeadLetter(
            String messageId,
            String queue,
            Optional<java.util.UUID> envelope,
            Optional<String> deliveredBy,
            long size,
            java.time.Instant queuedAt) {}
}
