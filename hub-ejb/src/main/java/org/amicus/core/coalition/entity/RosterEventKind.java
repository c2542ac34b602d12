package org.amicus.core.coalition.entity;

/** What a roster event does. Who may sign each is decided by {@code Roster}. */
public enum RosterEventKind {
    /** The first event: the founding organisation, the coalition's purpose and settings; it is the first administrator. */
    FOUNDED,
    /** An administrator invites an organisation. */
    INVITED,
    /** Another administrator approves a pending invitation (when the coalition requires several). */
    APPROVED,
    /** The invited organisation accepts: it is a member from this event on. */
    ACCEPTED,
    /** A member leaves. */
    LEFT,
    /** An administrator suspends a member: it receives nothing while suspended. */
    SUSPENDED,
    /** An administrator lifts a suspension. */
    REINSTATED,
    /** An administrator removes a member (or withdraws an invitation). */
    REMOVED,
    /** An administrator makes a member an administrator. */
    ADMIN_GRANTED,
    /** An administrator takes the role back (never from the last one). */
    ADMIN_REVOKED
}
