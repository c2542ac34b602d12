package org.amicus.core.federation.control;

import jakarta.ejb.ApplicationException;

/**
 * A bundle that is not imported, and why. {@code kind}: {@code bundle-malformed},
 * {@code bundle-unsupported-version}, {@code bundle-truncated}, {@code bundle-tampered},
 * {@code bundle-from-unknown-node}, {@code bundle-for-another-node}, {@code bundle-replayed},
 * {@code bundle-too-large}. Nothing of a refused bundle was delivered.
 */
@ApplicationException(rollback = true)
public class BundleRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String kind;

    public BundleRefusedException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
