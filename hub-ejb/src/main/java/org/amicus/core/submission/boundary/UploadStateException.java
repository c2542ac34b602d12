package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** A step not possible in the upload's state (a chunk for a completed upload, completing an incomplete one): 409, nothing changed. */
@ApplicationException(rollback = true)
public class UploadStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UploadStateException(String message) {
        super(message);
    }
}
