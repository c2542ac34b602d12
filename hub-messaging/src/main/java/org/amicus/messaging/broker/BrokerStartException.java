package org.amicus.messaging.broker;

/** The broker cannot serve; the message says why in words an operator can act on. */
public final class BrokerStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
