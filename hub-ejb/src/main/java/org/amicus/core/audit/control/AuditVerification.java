package org.amicus.core.audit.control;

import java.util.List;

/**
 * What a verification of the audit log found: intact or not, how much it covered ({@code signedUpTo}: the last
 * entry a signed checkpoint vouches for; later entries are chained but not yet signed; {@code pending}: written,
 * not yet chained), and each problem in words.
 */
public record AuditVerification(
        boolean intact, long entries, int checkpoints, long signedUpTo, long pending, List<String> problems) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }
}
