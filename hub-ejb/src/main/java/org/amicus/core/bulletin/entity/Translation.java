package org.amicus.core.bulletin.entity;

import java.util.Objects;

/** One language version of a bulletin: its title and text, in that language. */
public record Translation(LanguageTag language, String title, String body) {

    public static final int MAX_TITLE = 300;
    public static final int MAX_BODY = 200_000;

    public Translation {
        Objects.requireNonNull(language, "language");
        title = title == null ? "" : title.strip();
        body = body == null ? "" : body.strip();
        if (title.isEmpty()) {
            throw new InvalidBulletinException("the " + language.name() + " version (" + language + ") needs a title");
        }
        if (body.isEmpty()) {
            throw new InvalidBulletinException("the " + language.name() + " version (" + language + ") needs a text");
        }
        if (title.length() > MAX_TITLE) {
            throw new InvalidBulletinException("a title has at most " + MAX_TITLE + " characters");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidBulletinException("a bulletin's text has at most " + MAX_BODY + " characters");
        }
        if (title.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidBulletinException("a title is one line of printable characters");
        }
    }

    @Override
    public String toString() {
        return "Translation[" + language + ", (text not shown)]";
    }
}
