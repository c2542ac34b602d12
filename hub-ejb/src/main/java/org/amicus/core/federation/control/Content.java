package org.amicus.core.federation.control;

/** The inner document of an opened envelope: its type, subject and body. */
public record Content(String type, String subject, String body) {

    @Override
    public String toString() {
        return "Content[type=" + type + ", (subject and body not shown)]";
    }
}
