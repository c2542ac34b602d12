package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** A step the submission's state does not allow (sending a submission twice, adding to one that was sent, replying to a withdrawn or closed request): 409, nothing changed. */
@ApplicationException(rollback = true)
public class SubmissionStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubmissionStateException(String message) {
        super(message);
    }
}
