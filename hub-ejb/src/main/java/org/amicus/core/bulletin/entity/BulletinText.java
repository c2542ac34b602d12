package org.amicus.core.bulletin.entity;

import java.util.List;
import java.util.Optional;

/**
 * Everything of a bulletin that is sealed at rest: its language versions, its attachments, and the reviewer's note
 * when it was sent back.
 */
public record BulletinText(BulletinContent content, List<Attachment> attachments, Optional<String> reviewNote) {

    public BulletinText {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        reviewNote = reviewNote == null ? Optional.empty() : reviewNote;
        if (attachments.size() > Attachment.MAX_COUNT) {
            throw new InvalidBulletinException("a bulletin has at most " + Attachment.MAX_COUNT + " attachments");
        }
        long total = attachments.stream().mapToLong(Attachment::size).sum();
        if (total > Attachment.MAX_TOTAL) {
            throw new InvalidBulletinException("a bulletin's attachments take at most 1 MiB together (these take "
                    + total + " bytes); send larger files as a submission");
        }
    }

    public BulletinText withReviewNote(String note) {
        return new BulletinText(content, attachments, Optional.of(note));
    }

    public BulletinText withoutReviewNote() {
        return new BulletinText(content, attachments, Optional.empty());
    }
}
