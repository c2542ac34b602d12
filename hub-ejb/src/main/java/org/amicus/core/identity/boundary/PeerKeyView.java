package org.amicus.core.identity.boundary;

import java.time.Instant;
import java.util.List;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.identity.entity.TrustState;
import org.amicus.core.node.entity.NodeId;

/** A key directory entry as operators see it. Nullable fields are absent facts (never verified, etc.). */
public record PeerKeyView(
        Fingerprint fingerprint,
        String displayName,
        NodeId node,
        TrustState state,
        Instant firstSeen,
        Instant updatedAt,
        String verifiedBy,
        Instant verifiedAt,
        Instant revokedAt,
        Fingerprint conflictsWith,
        List<CertificateFacts.Subkey> encryptionSubkeys,
        String certificate) {

    public PeerKeyView {
        encryptionSubkeys = List.copyOf(encryptionSubkeys);
    }
}
