package org.amicus.core.identity.control;

import java.time.Instant;
import java.util.List;
import org.amicus.core.identity.entity.Fingerprint;

/** This node's organisation key: its fingerprint, its encryption subkeys and its public certificate. */
public record OwnIdentity(
        Fingerprint fingerprint, String userId, Instant created, List<OwnSubkey> subkeys, String certificate) {

    public OwnIdentity {
        subkeys = List.copyOf(subkeys);
    }

    /**
     * An encryption subkey whose secret part still exists on this node. {@code CURRENT}: peers encrypt
     * to it; {@code RETIRED}: expired, kept to open what is still on its way until {@code destroyAfter}.
     */
    public record OwnSubkey(
            Fingerprint fingerprint, Instant created, Instant expires, State state, Instant destroyAfter) {
        public enum State {
            CURRENT,
            RETIRED
        }
    }
}
