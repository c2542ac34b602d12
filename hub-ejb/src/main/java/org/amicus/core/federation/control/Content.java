package org.amicus.core.federation.control;

/**
 * The inner document of an opened envelope: its type, subject, body and marking (canonical marking JSON;
 * empty for the protocol's own documents).
 */
public record Content(String type, String subject, String body, String marking) {

    public Content(String type, String subject, String body) {
        this(type, subject, body, "");
    }

    public Content {
        marking = marking == null ? "" : marking;
    }

    @Override
    public String toString() {
        return "Content[type=" + type + ", (subject and body not shown)]";
    }
}
