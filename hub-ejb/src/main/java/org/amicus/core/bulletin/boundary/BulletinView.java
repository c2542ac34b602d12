package org.amicus.core.bulletin.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amicus.core.bulletin.entity.Bulletin;
import org.amicus.core.bulletin.entity.BulletinId;
import org.amicus.core.bulletin.entity.BulletinState;
import org.amicus.core.bulletin.entity.BulletinText;
import org.amicus.core.bulletin.entity.SeriesId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.entity.Marking;

/**
 * A bulletin as a person at this node sees it: on the publisher's node with its review and, once published, how
 * many of the organisations it went to have read it (and which); on a recipient's node as received.
 */
public record BulletinView(
        BulletinId id,
        Bulletin.Direction direction,
        OrgId publisher,
        String publisherName,
        Optional<SeriesId> series,
        Optional<String> seriesName,
        Optional<Integer> issue,
        BulletinState state,
        Marking marking,
        BulletinText text,
        Optional<String> author,
        Optional<String> reviewer,
        Optional<Instant> publishAt,
        Instant createdAt,
        Optional<Instant> submittedAt,
        Optional<Instant> reviewedAt,
        Optional<Instant> publishedAt,
        Optional<Instant> receivedAt,
        Optional<Instant> readAt,
        List<Recipient> recipients) {

    /** One organisation a published bulletin went to, and whether someone there has read it. */
    public record Recipient(OrgId organisation, String name, Instant sentAt, Optional<Instant> readAt) {}

    public long readCount() {
        return recipients.stream().filter(r -> r.readAt().isPresent()).count();
    }
}
