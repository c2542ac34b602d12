package org.amicus.core.federation.control;

import jakarta.ejb.ApplicationException;

/**
 * An export was to continue after an envelope or a part of a file that no longer waits for the peer (delivered, expired or removed since
 * the earlier bundle was written). Nothing is written: the operator exports again without a start (from the oldest
 * waiting entry), rather than the node guessing a place to continue from.
 */
@ApplicationException(rollback = true)
public class WaitingStartUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WaitingStartUnknownException(BundleAnchor after, String peer) {
        super((after.isPart() ? "part of a file " : "envelope ") + after + " no longer waits for node " + peer
                + " (delivered, expired or removed since): export again without a start");
    }
}
