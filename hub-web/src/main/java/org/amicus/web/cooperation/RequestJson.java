package org.amicus.web.cooperation;

import jakarta.json.JsonObject;
import java.util.List;
import org.amicus.core.cooperation.boundary.RequestView;
import org.amicus.core.cooperation.entity.RequestTerms;
import org.amicus.core.routing.control.MarkingJson;

/**
 * A cooperation request as the API shows it: {@code side} is {@code requester} or {@code responder};
 * {@code status} is {@code draft} or {@code sent}; {@code parts} has one entry per organisation asked (a
 * responder sees its own), with its state, deadline, flags and steps.
 */
public record RequestJson(
        String id,
        String side,
        String requester,
        String status,
        String subject,
        Scope scope,
        String legalBasis,
        List<String> needed,
        String confidentiality,
        String contact,
        String deadline,
        JsonObject marking,
        List<String> markingInWords,
        String createdAt,
        String sentAt,
        List<Part> parts) {

    public record Scope(List<String> crimes, String region, String from, String to) {}

    public record Part(
            String organisation,
            String state,
            String deadline,
            boolean overdue,
            String reminderAt,
            String overdueSince,
            List<Step> steps) {}

    public record Step(
            String id,
            int seq,
            String action,
            String side,
            String organisation,
            String at,
            String note,
            String deadline,
            String status,
            String by) {}

    public static RequestJson of(RequestView v) {
        RequestTerms t = v.terms();
        return new RequestJson(
                v.id().toString(),
                v.ownSide().wireName(),
                v.requester().toString(),
                v.draft() ? "draft" : "sent",
                t.subject(),
                new Scope(
                        t.crimes(),
                        t.region(),
                        t.periodFrom().map(Object::toString).orElse(null),
                        t.periodTo().map(Object::toString).orElse(null)),
                t.legalBasis(),
                t.needed(),
                t.confidentiality(),
                t.contact(),
                v.deadline().toString(),
                MarkingJson.toJson(v.marking()),
                v.marking().describe(),
                v.createdAt().toString(),
                v.sentAt().map(Object::toString).orElse(null),
                v.threads().stream()
                        .map(p -> new Part(
                                p.responder().toString(),
                                p.state().wireName(),
                                p.deadline().toString(),
                                p.overdue(),
                                p.remindedAt().map(Object::toString).orElse(null),
                                p.overdueAt().map(Object::toString).orElse(null),
                                p.events().stream()
                                        .map(e -> new Step(
                                                e.id().toString(),
                                                e.seq(),
                                                e.action().wireName(),
                                                e.party().wireName(),
                                                e.actor().toString(),
                                                e.at().toString(),
                                                e.note().orElse(null),
                                                e.deadline()
                                                        .map(Object::toString)
                                                        .orElse(null),
                                                e.status().name().toLowerCase(java.util.Locale.ROOT),
                                                e.by().orElse(null)))
                                        .toList()))
                        .toList());
    }
}
