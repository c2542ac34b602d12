package org.amicus.messaging.envelope;

/**
 * An envelope that is refused, with the precise kind (docs/protocol/envelope.md §6). The message
 * names the check that failed, never any content of the envelope.
 */
public final class EnvelopeRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of rejection, in the order the checks run. */
    public enum Kind {
        MALFORMED,
        UNSUPPORTED_VERSION,
        TOO_LARGE,
        NOT_ADDRESSED_TO_US,
        EXPIRED,
        REPLAYED,
        UNKNOWN_SENDER,
        REVOKED_SENDER,
        BAD_SIGNATURE,
        HEADER_MISMATCH,
        COMPRESSION_BOMB
    }

    private final Kind kind;

    public EnvelopeRejectedException(Kind kind, String reason) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": " + reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
