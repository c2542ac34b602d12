package org.amicus.web.identity;

import java.util.List;
import org.amicus.core.identity.boundary.ImportOutcome;

/** What an import did: ADDED, UPDATED, UNCHANGED or REVOKED, the entry, and warnings to act on. */
public record ImportJson(String result, PeerKeyJson key, List<String> warnings) {

    static ImportJson of(ImportOutcome outcome) {
        return new ImportJson(outcome.result().name(), PeerKeyJson.of(outcome.key()), outcome.warnings());
    }
}
