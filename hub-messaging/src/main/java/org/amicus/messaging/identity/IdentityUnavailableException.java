package org.amicus.messaging.identity;

/** The organisation key cannot be loaded or created; the node must not serve without it. */
public class IdentityUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdentityUnavailableException(String message) {
        super(message);
    }
}
