package org.amicus.messaging.federation;

import jakarta.ejb.ApplicationException;

/**
 * Thrown by a federation listener for a message this node cannot take now (its broker or disk failed): the resource
 * adapter rolls the delivery back and the broker redelivers the message with back-off, and after the last attempt
 * moves it to the dead-letter queue (ADR 23). An application exception, so the container hands it to the resource
 * adapter as it is and keeps the listener instance. Its message names the failure, never content.
 */
@ApplicationException
public class Redelivery extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Redelivery(String what) {
        super(what, null, false, false);
    }
}
