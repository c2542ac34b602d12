package org.amicus.core.cooperation.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.cooperation.entity.Action;
import org.amicus.core.cooperation.entity.Party;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.cooperation.entity.RequestTerms;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.node.entity.Uuids;

/**
 * Cooperation requests and their events as they travel (docs/protocol/federation.md §3.7), inside sealed
 * envelopes whose signature says which organisation sent them: {@code amicus.cooperation.request} (the request,
 * its terms and its first event) from the requester to each organisation asked, and
 * {@code amicus.cooperation.event} (one step of the lifecycle) between the requester and one responder.
 */
public final class CooperationMessages {

    public static final String REQUEST_TYPE = "amicus.cooperation.request";
    public static final String EVENT_TYPE = "amicus.cooperation.event";

    private static final JsonProvider JSON = JsonProvider.provider();

    private CooperationMessages() {}

    /** One step between {@code requester} and {@code responder}. */
    public record Event(
            RequestId request,
            OrgId requester,
            OrgId responder,
            UUID id,
            int seq,
            Optional<UUID> previous,
            Action action,
            Party party,
            Instant at,
            Optional<String> note,
            Optional<Instant> deadline) {

        public Event {
            if (seq < 1) {
                throw new IllegalArgumentException("seq starts at 1");
            }
            if ((seq == 1) != previous.isEmpty()) {
                throw new IllegalArgumentException("the first event, and only it, follows none");
            }
            if (action.by() != party) {
                throw new IllegalArgumentException(
                        action.wireName() + " is the " + action.by().wireName() + "'s");
            }
            if (action == Action.EXTEND_DEADLINE && deadline.isEmpty()) {
                throw new IllegalArgumentException("extend-deadline names the new deadline");
            }
            note.ifPresent(n -> {
                if (n.length() > RequestTerms.MAX_TEXT) {
                    throw new IllegalArgumentException("a note has at most " + RequestTerms.MAX_TEXT + " characters");
                }
            });
        }

        /** The organisation that took the step. */
        public OrgId actor() {
            return party == Party.REQUESTER ? requester : responder;
        }
    }

    /**
     * A request as sent to every organisation asked, in one envelope: its terms and deadline. Its first event
     * ({@code send}, by the requester, at {@code sentAt}) has the request's own id.
     */
    public record Request(RequestId id, OrgId requester, RequestTerms terms, Instant deadline, Instant sentAt) {

        /** The first event of the chain between the requester and {@code responder}. */
        public Event firstEvent(OrgId responder) {
            return new Event(
                    id,
                    requester,
                    responder,
                    id.value(),
                    1,
                    Optional.empty(),
                    Action.SEND,
                    Party.REQUESTER,
                    sentAt,
                    Optional.empty(),
                    Optional.empty());
        }
    }

    public static String write(Request r) {
        return JSON.createObjectBuilder()
                .add("amicusCooperationRequest", 1)
                .add("request", r.id().toString())
                .add("requester", r.requester().toString())
                .add("terms", terms(r.terms()))
                .add("deadline", r.deadline().toString())
                .add("sentAt", r.sentAt().toString())
                .build()
                .toString();
    }

    public static String write(Event e) {
        return JSON.createObjectBuilder()
                .add("amicusCooperationEvent", 1)
                .add("event", event(e))
                .build()
                .toString();
    }

    /** The terms as kept (sealed) on a node. */
    public static String termsText(RequestTerms t) {
        return terms(t).build().toString();
    }

    /** @throws IllegalArgumentException if malformed */
    public static RequestTerms readTerms(String text) {
        return terms(object(text));
    }

    /** @throws IllegalArgumentException if malformed */
    public static Request readRequest(String text) {
        JsonObject o = object(text);
        if (o.getInt("amicusCooperationRequest", 0) != 1) {
            throw new IllegalArgumentException("not a cooperation request of version 1");
        }
        try {
            return new Request(
                    RequestId.parse(o.getString("request")),
                    OrgId.parse(o.getString("requester")),
                    terms(member(o, "terms")),
                    instant(o, "deadline"),
                    instant(o, "sentAt"));
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("a request holds request, requester, terms, deadline and sentAt");
        }
    }

    /** @throws IllegalArgumentException if malformed */
    public static Event readEvent(String text) {
        JsonObject o = object(text);
        if (o.getInt("amicusCooperationEvent", 0) != 1) {
            throw new IllegalArgumentException("not a cooperation event of version 1");
        }
        return event(member(o, "event"));
    }

    private static JsonObjectBuilder terms(RequestTerms t) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("subject", t.subject())
                .add("crimes", array(t.crimes()))
                .add("region", t.region())
                .add("legalBasis", t.legalBasis())
                .add("needed", array(t.needed()))
                .add("confidentiality", t.confidentiality())
                .add("contact", t.contact());
        t.periodFrom().ifPresent(d -> b.add("periodFrom", d.toString()));
        t.periodTo().ifPresent(d -> b.add("periodTo", d.toString()));
        return b;
    }

    private static RequestTerms terms(JsonObject o) {
        try {
            return new RequestTerms(
                    o.getString("subject", null),
                    strings(o, "crimes"),
                    o.getString("region", ""),
                    date(o, "periodFrom"),
                    date(o, "periodTo"),
                    o.getString("legalBasis", null),
                    strings(o, "needed"),
                    o.getString("confidentiality", null),
                    o.getString("contact", null));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("terms: each member has the type documented");
        }
    }

    private static JsonObjectBuilder event(Event e) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("request", e.request().toString())
                .add("requester", e.requester().toString())
                .add("responder", e.responder().toString())
                .add("id", e.id().toString())
                .add("seq", e.seq())
                .add("action", e.action().wireName())
                .add("party", e.party().wireName())
                .add("at", e.at().toString());
        e.previous().ifPresent(p -> b.add("previous", p.toString()));
        e.note().ifPresent(n -> b.add("note", n));
        e.deadline().ifPresent(d -> b.add("deadline", d.toString()));
        return b;
    }

    private static Event event(JsonObject o) {
        try {
            return new Event(
                    RequestId.parse(o.getString("request")),
                    OrgId.parse(o.getString("requester")),
                    OrgId.parse(o.getString("responder")),
                    uuid(o.getString("id"), "id"),
                    o.getInt("seq"),
                    o.containsKey("previous")
                            ? Optional.of(uuid(o.getString("previous"), "previous"))
                            : Optional.empty(),
                    Action.parse(o.getString("action")),
                    Party.parse(o.getString("party")),
                    instant(o, "at"),
                    Optional.ofNullable(o.getString("note", null)),
                    o.containsKey("deadline") ? Optional.of(instant(o, "deadline")) : Optional.empty());
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "an event holds request, requester, responder, id, seq, action," + " party and at");
        }
    }

    private static JsonArrayBuilder array(List<String> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray a) || a.size() > RequestTerms.MAX_ITEMS) {
            throw new IllegalArgumentException(name + " is a list of up to " + RequestTerms.MAX_ITEMS + " texts");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : a) {
            if (!(item instanceof JsonString s)) {
                throw new IllegalArgumentException(name + " holds texts");
            }
            out.add(s.getString());
        }
        return out;
    }

    private static Optional<LocalDate> date(JsonObject o, String name) {
        if (!o.containsKey(name) || o.isNull(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(o.getString(name)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " is a date such as 2024-02-24");
        }
    }

    private static Instant instant(JsonObject o, String name) {
        try {
            return Instant.parse(o.getString(name));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " is a UTC time such as 2027-01-31T00:00:00Z");
        }
    }

    private static UUID uuid(String text, String name) {
        return Uuids.parseCanonical(text, name);
    }

    private static JsonObject member(JsonObject o, String name) {
        if (!(o.get(name) instanceof JsonObject m)) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return m;
    }

    private static JsonObject object(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
    }
}
