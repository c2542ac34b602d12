package org.amicus.web.cooperation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amicus.core.cooperation.boundary.CooperationRequests;
import org.amicus.core.cooperation.boundary.RequestView;
import org.amicus.core.cooperation.entity.Action;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.cooperation.entity.RequestTerms;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Marking;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cooperation requests (docs/cooperation.md): a mechanism, or an organisation offering material, drafts a request
 * and sends it to the organisations or coalition its marking names; each side then takes its steps, and both
 * nodes show the same state and history.
 */
@ApplicationScoped
@Path("cooperation/requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cooperation requests", description = "Ask for cooperation, answer, follow: the request lifecycle")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
public class CooperationResource {

    static final String TERMS =
            "Body: {\"subject\", \"scope\": {\"crimes\": [..], \"region\", \"from\": \"2022-02-24\","
                    + " \"to\": \"2023-12-31\"}, \"legalBasis\", \"needed\": [..], \"deadline\": \"UTC time\","
                    + " \"confidentiality\", \"contact\", \"marking\": {\"tlp\", \"distribution\": {\"organisations\": [..]}"
                    + " or {\"coalitions\": [..]}}}.";

    @Inject
    CooperationRequests requests;

    @GET
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.ANALYST})
    @Operation(
            summary = "Requests this organisation made or received, newest first, each with its state per organisation")
    public List<RequestJson> list() {
        return requests.list().stream().map(RequestJson::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.ANALYST})
    @Operation(summary = "One request: its terms, and for each organisation asked its state and every step")
    @APIResponse(responseCode = "404", description = "No such request here (cooperation-request-not-found)")
    public RequestJson get(@PathParam("id") String id) {
        return RequestJson.of(requests.get(id(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Draft a request (nothing leaves this node until it is sent)",
            description = TERMS + " The marking's distribution names who is asked; its level (default AMBER) says"
                    + " how far the request may go.")
    @APIResponse(responseCode = "201", description = "Drafted")
    @APIResponse(
            responseCode = "422",
            description = "Incomplete terms, a deadline not in the future, or a marking that reaches no one")
    public Response draft(JsonObject body) {
        Parsed p = parse(body);
        RequestView v = requests.draft(p.terms, p.marking, p.deadline);
        return Response.status(Response.Status.CREATED)
                .entity(RequestJson.of(v))
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a draft's terms, deadline and marking", description = TERMS)
    @APIResponse(responseCode = "409", description = "Sent already (illegal-transition)")
    public RequestJson redraft(@PathParam("id") String id, JsonObject body) {
        Parsed p = parse(body);
        return RequestJson.of(requests.redraft(id(id), p.terms, p.marking, p.deadline));
    }

    @POST
    @Path("{id}/send")
    @Operation(
            summary = "Send a draft to every organisation its marking reaches now",
            description = "One sealed, signed envelope for all; each organisation's node records the request as"
                    + " sent and shows it to its coordinators.")
    @APIResponse(
            responseCode = "409",
            description = "Sent already (illegal-transition) or the deadline passed (deadline-passed)")
    @APIResponse(
            responseCode = "422",
            description = "The marking reaches no one now, or an organisation is not reachable")
    public RequestJson send(@PathParam("id") String id) {
        return RequestJson.of(requests.send(id(id)));
    }

    @POST
    @Path("{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Take a step in the request's lifecycle",
            description = "Body: {\"action\", \"organisation\" (the requester's steps on one organisation's part;"
                    + " withdraw, close and extend-deadline without it apply to every part where they can),"
                    + " \"note\" (the question, the answer, the reason: required for request-clarification,"
                    + " answer-clarification, decline and withdraw), \"deadline\" (extend-deadline)}. Responder:"
                    + " acknowledge, request-clarification, accept, decline, fulfil-partially, fulfil. Requester:"
                    + " answer-clarification, close, withdraw, extend-deadline.")
    @APIResponse(responseCode = "200", description = "Recorded here and sent to the other side")
    @APIResponse(
            responseCode = "409",
            description = "Not this side's step, or not in this state (illegal-transition); accepting after the"
                    + " deadline (deadline-passed)")
    @APIResponse(responseCode = "422", description = "A note or deadline missing or invalid")
    public RequestJson act(@PathParam("id") String id, JsonObject body) {
        if (body == null || !(body.get("action") instanceof JsonString a)) {
            throw new InvalidInputException("\"action\" is required: " + actions());
        }
        Action action;
        try {
            action = Action.parse(a.getString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Optional<OrgId> organisation = Optional.empty();
        if (body.get("organisation") instanceof JsonString o) {
            try {
                organisation = Optional.of(OrgId.parse(o.getString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("\"organisation\" is an organisation id");
            }
        } else if (present(body, "organisation")) {
            throw new InvalidInputException("\"organisation\" is an organisation id");
        }
        Optional<String> note = Optional.empty();
        if (body.get("note") instanceof JsonString n) {
            note = Optional.of(n.getString());
        } else if (present(body, "note")) {
            throw new InvalidInputException("\"note\" is a text");
        }
        Optional<Instant> deadline =
                present(body, "deadline") ? Optional.of(instant(body, "deadline")) : Optional.empty();
        return RequestJson.of(requests.act(id(id), organisation, action, note, deadline));
    }

    private record Parsed(RequestTerms terms, Marking marking, Instant deadline) {}

    private static Parsed parse(JsonObject body) {
        if (body == null) {
            throw new InvalidInputException(TERMS);
        }
        JsonObject scope = body.get("scope") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
        if (present(body, "scope") && !(body.get("scope") instanceof JsonObject)) {
            throw new InvalidInputException("\"scope\" is an object: {\"crimes\", \"region\", \"from\", \"to\"}");
        }
        RequestTerms terms;
        try {
            terms = new RequestTerms(
                    text(body, "subject"),
                    texts(scope, "crimes"),
                    text(scope, "region"),
                    date(scope, "from"),
                    date(scope, "to"),
                    text(body, "legalBasis"),
                    texts(body, "needed"),
                    text(body, "confidentiality"),
                    text(body, "contact"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        if (!present(body, "deadline")) {
            throw new InvalidInputException("\"deadline\" is required: a UTC time such as 2027-01-31T00:00:00Z");
        }
        Instant deadline = instant(body, "deadline");
        Marking marking;
        if (!(body.get("marking") instanceof JsonObject m)) {
            throw new InvalidInputException("\"marking\" is required: {\"tlp\", \"distribution\": {\"organisations\":"
                    + " [..]} or {\"coalitions\": [..]}} names who is asked");
        }
        marking = MarkingJson.parse(withDefaultLevel(m)); // InvalidMarkingException: 422 invalid-marking
        return new Parsed(terms, marking, deadline);
    }

    private static JsonObject withDefaultLevel(JsonObject m) {
        return m.containsKey("tlp")
                ? m
                : jakarta.json.Json.createObjectBuilder(m).add("tlp", "AMBER").build();
    }

    private static boolean present(JsonObject o, String name) {
        return o.containsKey(name) && o.get(name) != JsonValue.NULL;
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidInputException("\"" + name + "\" is a text");
        }
        return s.getString();
    }

    private static List<String> texts(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray a)) {
            throw new InvalidInputException("\"" + name + "\" is a list of texts");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : a) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidInputException("\"" + name + "\" is a list of texts");
            }
            out.add(s.getString());
        }
        return out;
    }

    private static Optional<LocalDate> date(JsonObject o, String name) {
        String t = text(o, name);
        if (t == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("\"" + name + "\" is a date such as 2022-02-24");
        }
    }

    private static Instant instant(JsonObject o, String name) {
        JsonValue v = o.get(name);
        try {
            if (v instanceof JsonString s) {
                return Instant.parse(s.getString());
            }
        } catch (DateTimeParseException e) {
            // below
        }
        if (v instanceof JsonNumber) {
            throw new InvalidInputException("\"" + name + "\" is a UTC time as text, such as 2027-01-31T00:00:00Z");
        }
        throw new InvalidInputException("\"" + name + "\" is a UTC time such as 2027-01-31T00:00:00Z");
    }

    private static RequestId id(String text) {
        try {
            return RequestId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static String actions() {
        return String.join(
                ", ",
                java.util.Arrays.stream(Action.values())
                        .filter(x -> x != Action.SEND)
                        .map(Action::wireName)
                        .toList());
    }
}
