package org.amicus.core.routing.entity;

import jakarta.ejb.ApplicationException;

/** A marking that contradicts itself or the rules of its level: 422, nothing sent or changed. */
@ApplicationException(rollback = true)
public class InvalidMarkingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidMarkingException(String message) {
        super(message);
    }
}
