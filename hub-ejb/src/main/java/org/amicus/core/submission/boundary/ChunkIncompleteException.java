package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** A chunk that did not arrive whole (the connection broke): 400, nothing of it kept; resume at the same offset. */
@ApplicationException(rollback = true)
public class ChunkIncompleteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChunkIncompleteException(String message) {
        super(message);
    }
}
