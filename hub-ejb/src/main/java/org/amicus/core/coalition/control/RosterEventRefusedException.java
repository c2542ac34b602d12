package org.amicus.core.coalition.control;

import jakarta.ejb.ApplicationException;

/** A roster event that is forged, out of order, or not the signer's to make: refused, nothing changed. */
@ApplicationException(rollback = true)
public class RosterEventRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, in the words an operator searches for. */
    public enum Kind {
        FORGED,
        OUT_OF_ORDER,
        UNAUTHORISED,
        INVALID
    }

    private final Kind kind;

    public RosterEventRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
