package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** The file that arrived is not the one announced (its SHA-256 differs): 422; the upload is refused and discarded (that is recorded, so it does not roll back). */
@ApplicationException(rollback = false)
public class UploadHashMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UploadHashMismatchException(String message) {
        super(message);
    }
}
