package org.amicus.core.routing.control;

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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.amicus.core.membership.entity.OrgId;

/**
 * Consent requests and replies as they travel (docs/protocol/federation.md §3.6): inside sealed envelopes of
 * type {@code amicus.consent-request} (holder to originator) and {@code amicus.consent-reply} (originator to
 * holder), whose signature says who sent them. Ids, organisations and times only.
 */
public final class ConsentMessages {

    public static final String REQUEST_TYPE = "amicus.consent-request";
    public static final String REPLY_TYPE = "amicus.consent-reply";

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_ORGANISATIONS = 500;

    private ConsentMessages() {}

    /** A holder asks the originator of {@code message} to let it go to {@code organisations}. */
    public record Request(UUID id, UUID message, OrgId originator, OrgId holder, Set<OrgId> organisations) {
        public Request {
            organisations = Set.copyOf(organisations);
        }
    }

    /** The originator's answer to request {@code id}: granted until {@code validUntil}, or refused. */
    public record Reply(
            UUID id,
            UUID message,
            OrgId originator,
            OrgId holder,
            Set<OrgId> organisations,
            boolean granted,
            Optional<Instant> validUntil) {
        public Reply {
            organisations = Set.copyOf(organisations);
        }

        /**
         * Why this reply does not answer {@code request} as it was made, or empty if it does: the same request,
         * message, originator, holder and organisations, sent by the originator itself, and a grant with a
         * validity.
         */
        public Optional<String> mismatch(Request request, OrgId sender) {
            if (!id.equals(request.id())) {
                return Optional.of("it answers another request");
            }
            if (!sender.equals(request.originator()) || !originator.equals(request.originator())) {
                return Optional.of("it does not come from the message's originator");
            }
            if (!message.equals(request.message()) || !holder.equals(request.holder())) {
                return Optional.of("it names another message or holder than the request");
            }
            if (!organisations.equals(request.organisations())) {
                return Optional.of("it names other organisations than the request");
            }
            if (granted && validUntil.isEmpty()) {
                return Optional.of("a consent without a validity");
            }
            return Optional.empty();
        }
    }

    public static String write(Request r) {
        return base(r.id(), r.message(), r.originator(), r.holder(), r.organisations())
                .add("amicusConsentRequest", 1)
                .build()
                .toString();
    }

    public static String write(Reply r) {
        JsonObjectBuilder b = base(r.id(), r.message(), r.originator(), r.holder(), r.organisations())
                .add("amicusConsentReply", 1)
                .add("decision", r.granted() ? "granted" : "refused");
        r.validUntil().ifPresent(t -> b.add("validUntil", t.toString()));
        return b.build().toString();
    }

    /** @throws IllegalArgumentException if malformed */
    public static Request readRequest(String text) {
        JsonObject o = object(text);
        if (o.getInt("amicusConsentRequest", 0) != 1) {
            throw new IllegalArgumentException("not a consent request of version 1");
        }
        return new Request(
                uuid(o, "request"),
                uuid(o, "message"),
                OrgId.parse(o.getString("originator")),
                OrgId.parse(o.getString("holder")),
                organisations(o));
    }

    /** @throws IllegalArgumentException if malformed */
    public static Reply readReply(String text) {
        JsonObject o = object(text);
        if (o.getInt("amicusConsentReply", 0) != 1) {
            throw new IllegalArgumentException("not a consent reply of version 1");
        }
        String decision = o.getString("decision");
        if (!decision.equals("granted") && !decision.equals("refused")) {
            throw new IllegalArgumentException("a decision is granted or refused");
        }
        Optional<Instant> until =
                o.containsKey("validUntil") ? Optional.of(Instant.parse(o.getString("validUntil"))) : Optional.empty();
        return new Reply(
                uuid(o, "request"),
                uuid(o, "message"),
                OrgId.parse(o.getString("originator")),
                OrgId.parse(o.getString("holder")),
                organisations(o),
                decision.equals("granted"),
                until);
    }

    private static JsonObjectBuilder base(UUID id, UUID message, OrgId originator, OrgId holder, Set<OrgId> orgs) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        orgs.stream()
                .map(OrgId::toString)
                .collect(Collectors.toCollection(TreeSet::new))
                .forEach(list::add);
        return JSON.createObjectBuilder()
                .add("request", id.toString())
                .add("message", message.toString())
                .add("originator", originator.toString())
                .add("holder", holder.toString())
                .add("organisations", list);
    }

    private static JsonObject object(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
    }

    private static UUID uuid(JsonObject o, String name) {
        try {
            return org.amicus.core.node.entity.Uuids.parseCanonical(o.getString(name), name);
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }

    private static Set<OrgId> organisations(JsonObject o) {
        JsonValue v = o.get("organisations");
        if (!(v instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_ORGANISATIONS) {
            throw new IllegalArgumentException("organisations: 1 to " + MAX_ORGANISATIONS + " ids");
        }
        Set<OrgId> orgs = new TreeSet<>(java.util.Comparator.comparing(OrgId::toString));
        for (JsonValue item : a) {
            if (!(item instanceof JsonString s)) {
                throw new IllegalArgumentException("organisations holds ids");
            }
            orgs.add(OrgId.parse(s.getString()));
        }
        return orgs;
    }
}
