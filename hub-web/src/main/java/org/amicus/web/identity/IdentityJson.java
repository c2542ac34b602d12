package org.amicus.web.identity;

import java.util.List;
import org.amicus.core.identity.control.OwnIdentity;

/** Wire form of this node's organisation identity. Times are ISO-8601 UTC; null means none. */
public record IdentityJson(
        String fingerprint,
        String fingerprintGrouped,
        String userId,
        String created,
        List<Subkey> encryptionSubkeys,
        String certificate) {

    /** An encryption subkey whose secret part still exists on this node. */
    public record Subkey(String fingerprint, String created, String expires, String state, String destroyAfter) {}

    static IdentityJson of(OwnIdentity id) {
        return new IdentityJson(
                id.fingerprint().hex(),
                id.fingerprint().grouped(),
                id.userId(),
                id.created().toString(),
                id.subkeys().stream()
                        .map(s -> new Subkey(
                                s.fingerprint().hex(),
                                s.created().toString(),
                                Json.text(s.expires()),
                                s.state().name(),
                                Json.text(s.destroyAfter())))
                        .toList(),
                id.certificate());
    }
}
