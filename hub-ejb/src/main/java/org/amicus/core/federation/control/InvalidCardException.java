package org.amicus.core.federation.control;

/** A peering card that cannot be accepted, with the reason. Nothing was stored. */
public class InvalidCardException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidCardException(String message) {
        super(message);
    }
}
