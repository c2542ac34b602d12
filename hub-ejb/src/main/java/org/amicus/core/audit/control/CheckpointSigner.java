package org.amicus.core.audit.control;

import org.amicus.core.identity.entity.Fingerprint;

/**
 * Signs and verifies audit checkpoints with this organisation's key (a detached OpenPGP signature, which
 * {@code gpg --verify} checks too). The core owns this port; hub-messaging implements it.
 */
public interface CheckpointSigner {

    /** This organisation's fingerprint: who signs. */
    Fingerprint signer();

    byte[] sign(byte[] canonical);

    /** True only for a valid signature over {@code canonical} by this organisation ({@code signer}). */
    boolean verify(byte[] canonical, byte[] signature, Fingerprint signer);

    /** {@code signature} ASCII-armored, for an export a person can check with standard tools. */
    String armor(byte[] signature);
}
