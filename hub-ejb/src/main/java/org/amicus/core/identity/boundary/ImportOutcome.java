package org.amicus.core.identity.boundary;

import java.util.List;

/** What an import did, and what the operator must look at (e.g. a new key claiming a known node). */
public record ImportOutcome(PeerKeyView key, Result result, List<String> warnings) {

    public enum Result {
        ADDED,
        UPDATED,
        UNCHANGED,
        REVOKED
    }

    public ImportOutcome {
        warnings = List.copyOf(warnings);
    }
}
