package org.amicus.web.identity;

import java.util.List;
import org.amicus.core.identity.boundary.PeerKeyView;

/**
 * Wire form of a key directory entry. {@code state}: SEEN (not yet verified), VERIFIED (fingerprint
 * confirmed out of band, by {@code verifiedBy} at {@code verifiedAt}), REVOKED. {@code conflictsWith}:
 * another key that claims the same node — compare fingerprints with the organisation before trusting
 * either.
 */
public record PeerKeyJson(
        String fingerprint,
        String fingerprintGrouped,
        String name,
        String node,
        String state,
        String firstSeen,
        String updatedAt,
        String verifiedBy,
        String verifiedAt,
        String revokedAt,
        String conflictsWith,
        List<Subkey> encryptionSubkeys) {

    /** A subkey messages to this organisation are encrypted to (while valid and not revoked). */
    public record Subkey(String fingerprint, String created, String expires, String revokedAt) {}

    static PeerKeyJson of(PeerKeyView k) {
        return new PeerKeyJson(
                k.fingerprint().hex(),
                k.fingerprint().grouped(),
                k.displayName(),
                Json.text(k.node()),
                k.state().name(),
                k.firstSeen().toString(),
                k.updatedAt().toString(),
                k.verifiedBy(),
                Json.text(k.verifiedAt()),
                Json.text(k.revokedAt()),
                k.conflictsWith() == null ? null : k.conflictsWith().hex(),
                k.encryptionSubkeys().stream()
                        .map(s -> new Subkey(
                                s.fingerprint().hex(),
                                s.created().toString(),
                                Json.text(s.expires()),
                                Json.text(s.revoked())))
                        .toList());
    }
}
