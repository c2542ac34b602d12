package org.amicus.core.bulletin.boundary;

import java.time.Instant;
import java.util.Optional;
import org.amicus.core.bulletin.entity.Bulletin;
import org.amicus.core.bulletin.entity.BulletinSeries;
import org.amicus.core.bulletin.entity.Recurrence;
import org.amicus.core.bulletin.entity.SeriesId;
import org.amicus.core.bulletin.entity.SeriesText;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.entity.Marking;

/**
 * A series as a person at this node sees it: on its publisher's node with its schedule and how many organisations
 * chose not to receive it; elsewhere as announced, with this organisation's choice.
 */
public record SeriesView(
        SeriesId id,
        Bulletin.Direction direction,
        OrgId publisher,
        String publisherName,
        BulletinSeries.State state,
        SeriesText text,
        Marking marking,
        Optional<Recurrence> recurrence,
        Optional<Instant> nextIssueAt,
        int issues,
        Optional<String> author,
        Optional<String> reviewer,
        boolean subscribed,
        long optedOut,
        Instant updatedAt) {}
