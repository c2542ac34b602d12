package org.amicus.core.federation.boundary;

import jakarta.ejb.ApplicationException;

/**
 * The caller may not see this content under its marking (named persons only, expired): 403. The refusal is
 * audited; it never rolls back the audit entry that records it.
 */
@ApplicationException(rollback = false)
public class ContentWithheldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContentWithheldException(String message) {
        super(message);
    }
}
