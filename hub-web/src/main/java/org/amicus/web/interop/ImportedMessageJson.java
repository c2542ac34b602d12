package org.amicus.web.interop;

/**
 * An imported message: its verified signer (fingerprint, name and trust state in the key directory),
 * the size and SHA-256 of its content, and the content itself when it is UTF-8 text (else null).
 */
public record ImportedMessageJson(
        String signer, String signerName, String signerState, long size, String sha256, String text) {}
