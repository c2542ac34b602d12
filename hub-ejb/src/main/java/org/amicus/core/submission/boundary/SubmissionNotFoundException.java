package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** A submission this node does not hold: 404. */
@ApplicationException(rollback = true)
public class SubmissionNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubmissionNotFoundException(String id) {
        super("no submission " + id);
    }
}
