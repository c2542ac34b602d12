package org.amicus.web.problem;

/** A named thing does not exist; answered with 404 and a problem detail. */
public class NotFoundProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String what;

    public NotFoundProblemException(String what, String detail) {
        super(detail);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
