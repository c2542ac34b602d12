package org.amicus.core.federation.control;

import java.util.Objects;

/**
 * A file named in an envelope's manifest (envelope.md §4.1): its id within the envelope, name and media type, and the
 * size and lower-case hex SHA-256 of its plaintext, which bind the separately sent file to the signed envelope.
 */
public record FileRef(String id, String name, String mediaType, long size, String sha256) {

    public FileRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0 || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a file reference needs a size and a lower-case hex SHA-256");
        }
    }
}
