package org.amicus.web.problem;

/** A request body over the node's limit; answered with 413. */
public class MessageTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(long limit) {
        super("a message is at most " + limit / 1024 + " KiB; larger files travel as attachments");
    }
}
