package org.amicus.core.membership.boundary;

import jakarta.ejb.ApplicationException;

/** A change to people that the rules refuse; nothing was changed. */
@ApplicationException(rollback = true)
public class PeopleRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The username belongs to someone already (409). */
        USERNAME_TAKEN,
        /** The password is too weak, or the current password was wrong (422). */
        CREDENTIAL_REJECTED,
        /** The change would leave the node without an active administrator (409). */
        LAST_ADMINISTRATOR,
        /** A value is not acceptable: a username, display name, role list (400). */
        INVALID
    }

    private final Reason reason;

    public PeopleRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
