package org.amicus.web.problem;

/** A request value is malformed; answered with 400 and a problem detail naming the value. */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String detail) {
        super(detail);
    }
}
