package org.amicus.messaging.envelope;

import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.openpgp.api.OpenPGPKey;

/**
 * The organisation's key unlocked once, at node start, and held in memory only: sealing and opening
 * then cost no passphrase stretching. It is never written anywhere and never printed.
 */
public final class UnlockedOrganisationKey {

    private final OpenPGPKey key;
    private final Fingerprint fingerprint;

    UnlockedOrganisationKey(OpenPGPKey key) {
        this.key = key;
        this.fingerprint = Fingerprint.of(key.getFingerprint());
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    OpenPGPKey openPgp() {
        return key;
    }

    @Override
    public String toString() {
        return "UnlockedOrganisationKey[" + fingerprint + "]";
    }
}
