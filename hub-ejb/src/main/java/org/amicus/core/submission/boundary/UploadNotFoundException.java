package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** No upload with this id at this node: 404. */
@ApplicationException(rollback = true)
public class UploadNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UploadNotFoundException(Object id) {
        super("no upload " + id + " at this node");
    }
}
