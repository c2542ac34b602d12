package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** A submission or item that is incomplete or impossible (missing title, custody statement, a source named by name, an upload not complete): 422, nothing stored. */
@ApplicationException(rollback = true)
public class InvalidSubmissionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidSubmissionException(String message) {
        super(message);
    }
}
