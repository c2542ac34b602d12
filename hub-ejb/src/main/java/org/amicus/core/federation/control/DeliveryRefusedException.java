package org.amicus.core.federation.control;

/**
 * An envelope refused on arrival. {@code kind} is one of the rejection kinds of
 * docs/protocol/envelope.md §6 (e.g. {@code bad-signature}) or of federation ({@code not-a-peer},
 * {@code wrong-peer}); the message never carries content.
 */
public class DeliveryRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String kind;

    public DeliveryRefusedException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
