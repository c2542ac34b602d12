package org.amicus.messaging.envelope;

/** A bundle file that is not imported, with why; nothing of it was delivered. */
public class BundleFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a bundle is refused. */
    public enum Kind {
        MALFORMED,
        UNSUPPORTED_VERSION,
        TRUNCATED,
        TAMPERED,
        UNKNOWN_SENDER
    }

    private final Kind kind;

    public BundleFileException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
