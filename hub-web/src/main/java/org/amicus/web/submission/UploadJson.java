package org.amicus.web.submission;

import org.amicus.core.submission.boundary.UploadView;

/** An upload as the API shows it; {@code received} is where the next chunk starts. */
public record UploadJson(
        String id,
        String name,
        String mediaType,
        long size,
        long received,
        String state,
        String sha256,
        String expectedSha256,
        String createdAt,
        String updatedAt,
        String completedAt,
        String resumableUntil,
        long chunkLimit) {

    public static UploadJson of(UploadView v) {
        return new UploadJson(
                v.id().toString(),
                v.name(),
                v.mediaType(),
                v.size(),
                v.received(),
                v.state().wireName(),
                v.sha256().orElse(null),
                v.expectedSha256().orElse(null),
                v.createdAt().toString(),
                v.updatedAt().toString(),
                v.completedAt().map(Object::toString).orElse(null),
                v.resumableUntil().map(Object::toString).orElse(null),
                v.chunkLimit());
    }
}
