package org.amicus.core.submission.control;

import jakarta.ejb.ApplicationException;

/** A chunk larger than the node takes at once, or running past the file's announced size: 413, nothing kept. */
@ApplicationException(rollback = true)
public class ChunkTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChunkTooLargeException(String message) {
        super(message);
    }
}
