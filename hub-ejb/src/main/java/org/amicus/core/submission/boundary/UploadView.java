package org.amicus.core.submission.boundary;

import java.time.Instant;
import java.util.Optional;
import org.amicus.core.submission.entity.UploadId;
import org.amicus.core.submission.entity.UploadState;

/** An upload as its uploader sees it: the original name and type, how far it got, and its SHA-256 at intake. */
public record UploadView(
        UploadId id,
        String name,
        String mediaType,
        long size,
        long received,
        UploadState state,
        Optional<String> sha256,
        Optional<String> expectedSha256,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> completedAt,
        Optional<Instant> resumableUntil,
        long chunkLimit) {}
