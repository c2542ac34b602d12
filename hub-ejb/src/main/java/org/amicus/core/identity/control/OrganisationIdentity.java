package org.amicus.core.identity.control;

/**
 * This node's organisation key as operators see it (never the secret parts). The core owns this
 * port; hub-messaging implements it with the key it unlocked at start.
 */
public interface OrganisationIdentity {

    OwnIdentity current();

    /** Whether the key can be used: it is unlocked once, right after start. */
    KeyState state();

    enum KeyState {
        UNLOCKING,
        READY,
        FAILED
    }
}
