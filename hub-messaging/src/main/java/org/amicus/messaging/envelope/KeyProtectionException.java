package org.amicus.messaging.envelope;

/** The secret key could not be unlocked or read; the message says why without revealing secrets. */
public final class KeyProtectionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the key could not be used. */
    public enum Reason {
        WRONG_PASSPHRASE,
        EMPTY_PASSPHRASE,
        WEAK_PASSPHRASE,
        NOT_A_SECRET_KEY,
        /** A secret key was given where only a public certificate belongs. */
        SECRET_KEY_GIVEN,
        UNREADABLE
    }

    private final Reason reason;

    KeyProtectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
