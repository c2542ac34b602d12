package org.amicus.core.submission.entity;

import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A witness or other source in a submission item, by a pseudonymous reference (never a name: the reference is
 * letters, digits and dashes), with their role, the uses they consented to and, where known, how many statements
 * they have already given to other bodies (assessment fatigue).
 */
public record Source(String ref, String role, Set<ConsentUse> consent, OptionalInt earlierStatements) {

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z-]{0,39}");

    public Source {
        Objects.requireNonNull(ref, "ref");
        if (!REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("a source's \"ref\" is a pseudonymous reference such as W-0042 (letters,"
                    + " digits, '-' and '_', at most 40), never a name");
        }
        role = role == null || role.isBlank() ? "witness" : role.strip();
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("a source's \"role\" is a word such as witness or survivor");
        }
        consent = consent == null || consent.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(consent));
        earlierStatements = earlierStatements == null ? OptionalInt.empty() : earlierStatements;
        if (earlierStatements.isPresent() && (earlierStatements.getAsInt() < 0 || earlierStatements.getAsInt() > 999)) {
            throw new IllegalArgumentException("\"earlierStatements\" is a count from 0 to 999");
        }
    }

    /** Whether this source consented to {@code use}, less what was withdrawn. */
    public boolean consents(ConsentUse use, Set<ConsentUse> withdrawn) {
        return consent.contains(use) && !withdrawn.contains(use);
    }
}
