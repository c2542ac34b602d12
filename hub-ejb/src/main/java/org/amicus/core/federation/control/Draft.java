package org.amicus.core.federation.control;

import java.time.Duration;
import java.util.Objects;

/**
 * What is sealed into an envelope: the inner document's type, subject and body, the priority class, how
 * long the envelope may travel before it expires, and the message's marking (canonical marking JSON; empty
 * for the protocol's own documents: receipts, certificates, rosters) and the manifest of the files that travel
 * beside it (envelope.md §4.1).
 */
public record Draft(
        String type,
        String subject,
        String body,
        String priority,
        Duration timeToLive,
        String marking,
        java.util.List<FileRef> files) {

    public Draft(String type, String subject, String body, String priority, Duration timeToLive) {
        this(type, subject, body, priority, timeToLive, "");
    }

    public Draft(String type, String subject, String body, String priority, Duration timeToLive, String marking) {
        this(type, subject, body, priority, timeToLive, marking, java.util.List.of());
    }

    /** The same draft under {@code marking}. */
    public Draft marked(String marking) {
        return new Draft(type, subject, body, priority, timeToLive, marking, files);
    }

    /** The same draft with {@code files} in its manifest (sent separately, bound by their SHA-256 and size). */
    public Draft withFiles(java.util.List<FileRef> files) {
        return new Draft(type, subject, body, priority, timeToLive, marking, files);
    }

    public Draft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(timeToLive, "timeToLive");
        marking = marking == null ? "" : marking;
        files = files == null ? java.util.List.of() : java.util.List.copyOf(files);
    }
}
