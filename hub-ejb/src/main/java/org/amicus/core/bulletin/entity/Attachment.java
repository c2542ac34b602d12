package org.amicus.core.bulletin.entity;

import java.util.regex.Pattern;

/**
 * A file that goes with a bulletin (a report, a form, a poster), carried inside the sealed bulletin so that it
 * reaches every recipient the way the bulletin does, through relays and offline bundles too. Small by design:
 * {@value #MAX_TOTAL} bytes for all of a bulletin's attachments; evidence travels as a submission.
 */
public record Attachment(String name, String mediaType, byte[] content) {

    public static final int MAX_TOTAL = 1024 * 1024;
    public static final int MAX_COUNT = 10;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+");

    public Attachment {
        name = name == null ? "" : name.strip();
        if (name.isEmpty()
                || name.length() > 200
                || name.contains("/")
                || name.contains("\\")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidBulletinException(
                    "an attachment has a file name of at most 200 characters, without" + " slashes");
        }
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new InvalidBulletinException(
                    "the attachment \"" + name + "\" needs a media type such as" + " application/pdf");
        }
        if (content == null || content.length == 0) {
            throw new InvalidBulletinException("the attachment \"" + name + "\" is empty");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a
                && a.name.equals(name)
                && a.mediaType.equals(mediaType)
                && java.util.Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[" + content.length + " bytes]";
    }
}
