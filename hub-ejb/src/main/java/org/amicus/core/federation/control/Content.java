package org.amicus.core.federation.control;

/**
 * The inner document of an opened envelope: its type, subject, body and marking (canonical marking JSON;
 * empty for the protocol's own documents) and the manifest of the files sent beside it.
 */
public record Content(String type, String subject, String body, String marking, java.util.List<FileRef> files) {

    public Content(String type, String subject, String body) {
        this(type, subject, body, "");
    }

    public Content(String type, String subject, String body, String marking) {
        this(type, subject, body, marking, java.util.List.of());
    }

    public Content {
        marking = marking == null ? "" : marking;
        files = files == null ? java.util.List.of() : java.util.List.copyOf(files);
    }

    @Override
    public String toString() {
        return "Content[type=" + type + ", (subject and body not shown)]";
    }
}
