package org.amicus.core.alert.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amicus.core.alert.entity.Alert;
import org.amicus.core.alert.entity.AlertId;
import org.amicus.core.alert.entity.AlertNotice;
import org.amicus.core.alert.entity.AlertStatus;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.core.alert.entity.Severity;
import org.amicus.core.alert.entity.ThreatCategory;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.entity.Marking;

/**
 * An alert as a person at this node sees it: on the issuer's side with every recipient organisation's
 * acknowledgement and escalations (the dashboard), on a recipient's side with its own acknowledgement and whether
 * the issuer escalated it.
 */
public record AlertView(
        AlertId id,
        Alert.Direction direction,
        OrgId issuer,
        int revision,
        AlertStatus status,
        Severity severity,
        ThreatCategory category,
        Optional<AlertTemplate> template,
        AlertNotice notice,
        Optional<String> withdrawalReason,
        Marking marking,
        Instant validFrom,
        Instant validUntil,
        Duration escalateAfter,
        Instant issuedAt,
        Instant revisedAt,
        Optional<Instant> receivedAt,
        Optional<Instant> acknowledgedAt,
        Optional<Integer> acknowledgedRevision,
        boolean awaitingAcknowledgement,
        int escalations,
        Optional<Instant> escalatedAt,
        List<Recipient> recipients) {

    /** One organisation the alert went to, as the issuer's dashboard shows it. */
    public record Recipient(
            OrgId organisation,
            String name,
            Instant sentAt,
            Optional<Instant> acknowledgedAt,
            Optional<Integer> acknowledgedRevision,
            int escalations,
            Optional<Instant> escalatedAt,
            Optional<Instant> nextEscalationAt) {

        /** Acknowledged the alert as it now stands. */
        public boolean acknowledgedCurrent(int revision) {
            return acknowledgedRevision.map(r -> r >= revision).orElse(false);
        }

        /** Flagged on the dashboard: escalated and still not acknowledged. */
        public boolean flagged() {
            return escalations > 0 && acknowledgedAt.isEmpty();
        }
    }

    public long acknowledgedCount() {
        return recipients.stream().filter(r -> r.acknowledgedAt().isPresent()).count();
    }
}
