package org.amicus.core.federation.control;

import java.util.UUID;

/** A sealed envelope waiting in a peer's outbound queue: its id and its bytes. */
public record WaitingEnvelope(UUID id, byte[] wire) {}
