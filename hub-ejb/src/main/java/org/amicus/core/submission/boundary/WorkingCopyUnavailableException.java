package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** No working copy without metadata can be made of a file (not a JPEG or PNG image, or not a well-formed one): 422. */
@ApplicationException(rollback = true)
public class WorkingCopyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkingCopyUnavailableException(String message) {
        super(message);
    }
}
