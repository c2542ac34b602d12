package org.amicus.messaging.envelope;

import org.amicus.core.identity.entity.Fingerprint;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
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

    /**
     * Whether a message encrypted to this subkey may be opened: it must be ours and not revoked (a
     * revoked subkey is treated as compromised; an expired one is retired and still opens).
     */
    boolean mayDecryptWith(OpenPGPCertificate.OpenPGPComponentKey subkey) {
        if (subkey == null) {
            return false;
        }
        OpenPGPCertificate.OpenPGPComponentKey ours = key.getKey(subkey.getKeyIdentifier());
        return ours != null && !ours.isPrimaryKey() && ours.getRevocation() == null;
    }

    boolean mayDecryptWith(KeyIdentifier subkey) {
        return mayDecryptWith(key.getKey(subkey));
    }

    @Override
    public String toString() {
        return "UnlockedOrganisationKey[" + fingerprint + "]";
    }
}
