package org.amicus.core.submission.control;

import java.io.IOException;

/**
 * A kept evidence file is not what was committed: missing, cut short, extended, or a segment that fails its
 * authentication (altered, moved, from another file). Unlike a passing read error it does not heal by trying again.
 */
public class EvidenceAlteredException extends IOException {
    private static final long serialVersionUID = 1L;

    public EvidenceAlteredException(String message) {
        super(message);
    }

    public EvidenceAlteredException(String message, Throwable cause) {
        super(message, cause);
    }
}
