package org.amicus.core.submission.control;

import java.util.UUID;

/**
 * An evidence file as the node's records know it: its id, its key (sealed under the content key), how many
 * bytes and segments of it are committed, and how many plaintext bytes they hold. Whatever lies in the file
 * beyond {@code storedLength} was never committed and is cut off before the next chunk.
 */
public record StoredFile(UUID id, byte[] sealedKey, long storedLength, long segments, long plainLength) {

    public StoredFile {
        sealedKey = sealedKey.clone();
    }

    @Override
    public byte[] sealedKey() {
        return sealedKey.clone();
    }
}
