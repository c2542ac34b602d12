package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** An upload announced with a missing or impossible name, size or hash: 422, nothing stored. */
@ApplicationException(rollback = true)
public class InvalidUploadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidUploadException(String message) {
        super(message);
    }
}
