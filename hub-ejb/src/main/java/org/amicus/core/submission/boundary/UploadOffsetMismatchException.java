package org.amicus.core.submission.boundary;

import jakarta.ejb.ApplicationException;

/** A chunk that does not start where the upload stands (out of order, repeated, or raced by another): 409, nothing kept; the client resumes at {@link #expected}. */
@ApplicationException(rollback = true)
public class UploadOffsetMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long expected;

    public UploadOffsetMismatchException(long expected, long given) {
        super("the upload stands at byte " + expected + ", not " + given + ": send the chunk that starts at "
                + expected);
        this.expected = expected;
    }

    public long expected() {
        return expected;
    }
}
