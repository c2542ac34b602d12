package org.amicus.web.federation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.boundary.ReceivedView;
import org.amicus.core.federation.boundary.SentView;
import org.amicus.core.federation.control.Content;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Marking;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.amicus.web.problem.NotFoundProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Direct messages between peer nodes: the simplest use of a sealed envelope, and how operators check a
 * link end to end. (Cooperation requests, submissions, alerts and bulletins, issues 6–7, travel the
 * same way with their own types and markings.)
 */
@ApplicationScoped
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.SECURITY_OFFICER, Roles.ANALYST, Roles.BULLETIN_EDITOR})
@Path("messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages", description = "Send a sealed message to peer nodes, follow its delivery, read what arrived")
public class MessagesResource {

    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 256 * 1024;
    static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(90);
    static final long MAX_BATCH_TEXT = 16L * 1024 * 1024;

    @Inject
    Messages messages;

    @Inject
    SendGroups groups;

    @Inject
    org.amicus.core.routing.boundary.Consents consents;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Seal a message to the organisations of peer nodes and queue it for each",
            description = "Body: {\"marking\": {\"tlp\": \"CLEAR|GREEN|AMBER|AMBER+STRICT|RED\", \"distribution\": "
                    + "\"own-organisation|coalitions|federation|organisations\", \"coalitions\": [id, …], "
                    + "\"organisations\": [id, …], \"namedPersons\": [{\"organisation\", \"person\"}, …], "
                    + "\"originatorControl\": false, \"use\": \"any|lead-only|background-only\", \"embargoUntil\": "
                    + "time, \"expires\": time} (the recipients are the organisations its distribution reaches now), "
                    + "or \"to\": [\"node id\", …] (marked TLP:AMBER for exactly those organisations); \"subject\": "
                    + "\"…\", \"body\": \"…\", \"priority\": \"alert|normal|bulk\" (default normal), \"timeToLive\": "
                    + "\"ISO-8601 duration\" (default P7D, at most P90D). Signed by this organisation, encrypted to each"
                    + " recipient organisation only; each receiving node checks the marking again.")
    @APIResponse(responseCode = "201", description = "Queued for every recipient")
    @APIResponse(
            responseCode = "422",
            description = "A recipient is not a peer, the marking contradicts itself or cannot be routed (a coalition"
                    + " this organisation is not a member of), or a value is invalid; nothing sent")
    public Response send(JsonObject body, @Context UriInfo uri, @Context jakarta.ws.rs.core.SecurityContext security) {
        Messages.Outgoing message = outgoing(body);
        SentView sent = groups.send(security.getUserPrincipal().getName(), message);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path("sent")
                        .path(sent.envelopeId().toString())
                        .build())
                .entity(SentJson.of(sent))
                .build();
    }

    /** One message of a request body, checked; nothing is sent when a value is wrong. */
    static Messages.Outgoing outgoing(JsonObject body) {
        if (body == null) {
            throw new InvalidInputException("a message is a JSON object");
        }
        Optional<Marking> marking = Optional.empty();
        JsonValue markingJson = body.get("marking");
        if (markingJson != null && markingJson != JsonValue.NULL) {
            if (!(markingJson instanceof JsonObject m)) {
                throw new InvalidInputException("\"marking\" is an object: {\"tlp\", \"distribution\", …}");
            }
            marking = Optional.of(MarkingJson.parse(m)); // InvalidMarkingException: 422 invalid-marking
        }
        List<NodeId> nodes = new ArrayList<>();
        JsonValue toJson = body.get("to");
        if (marking.isEmpty() || (toJson != null && toJson != JsonValue.NULL)) {
            if (!(toJson instanceof JsonArray to) || to.isEmpty() || to.size() > 100) {
                throw new InvalidInputException(
                        "\"to\" (1 to 100 node ids) or a \"marking\" whose distribution names the recipients is required");
            }
            for (JsonValue v : to) {
                if (!(v instanceof JsonString s)) {
                    throw new InvalidInputException("\"to\" holds node ids (strings)");
                }
                nodes.add(Input.node(s.getString()));
            }
        }
        String subject = Input.printable(body, "subject", MAX_SUBJECT);
        String text = Input.requiredText(body, "body", MAX_BODY);
        String priority = body.getString("priority", "normal");
        if (!List.of("alert", "normal", "bulk").contains(priority)) {
            throw new InvalidInputException("\"priority\" is alert, normal or bulk");
        }
        Duration ttl;
        try {
            ttl = Duration.parse(body.getString("timeToLive", "P7D"));
        } catch (DateTimeParseException | ClassCastException e) {
            throw new InvalidInputException("\"timeToLive\" is an ISO-8601 duration such as PT1H or P7D");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TIME_TO_LIVE) > 0) {
            throw new InvalidInputException("\"timeToLive\" is more than zero and at most P90D");
        }
        return new Messages.Outgoing(new Draft("amicus.message", subject, text, priority, ttl), nodes, marking);
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Seal and queue several messages in one request and one transaction: all or none",
            description = "Body: {\"messages\": [message, …]}, 1 to " + Messages.MAX_BATCH + " messages, each as for "
                    + "POST /api/v1/messages. If any message is invalid or addressed to a node this node cannot "
                    + "reach, none is sent and the problem names the message by its position (messages[i]).")
    @APIResponse(responseCode = "201", description = "Every message queued, in the order given")
    @APIResponse(responseCode = "400", description = "A message is malformed; nothing sent")
    @APIResponse(responseCode = "422", description = "A recipient is not a peer; nothing sent")
    public Response sendAll(JsonObject body) {
        if (body == null
                || !(body.get("messages") instanceof JsonArray list)
                || list.isEmpty()
                || list.size() > Messages.MAX_BATCH) {
            throw new InvalidInputException("\"messages\" is required: 1 to " + Messages.MAX_BATCH + " messages");
        }
        List<Messages.Outgoing> batch = new ArrayList<>(list.size());
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof JsonObject one)) {
                throw new InvalidInputException("messages[" + i + "]: a message is a JSON object");
            }
            try {
                batch.add(outgoing(one));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("messages[" + i + "]: " + e.getMessage());
            }
            total += batch.get(i).draft().body().length();
            if (total > MAX_BATCH_TEXT) {
                throw new InvalidInputException("the messages' bodies together exceed " + MAX_BATCH_TEXT / (1024 * 1024)
                        + " MiB (at messages[" + i + "]); send them in smaller batches");
            }
        }
        List<SentJson> sent = messages.sendAll(batch).stream().map(SentJson::of).toList();
        return Response.status(Response.Status.CREATED)
                .entity(new SentBatchJson(sent))
                .build();
    }

    @GET
    @Path("sent/{id}")
    @Operation(
            summary =
                    "A sent message's delivery per recipient node: QUEUED, DELIVERED, EXPIRED, REJECTED, UNDELIVERABLE")
    @APIResponse(responseCode = "404", description = "No such sent message")
    public SentJson sent(@PathParam("id") String id) {
        UUID envelope = Input.uuid(id, "a message id");
        return messages.status(envelope)
                .map(SentJson::of)
                .orElseThrow(() ->
                        new NotFoundProblemException("message", "no message " + envelope + " was sent from this node"));
    }

    @RolesAllowed(Roles.ANY)
    @GET
    @Path("received")
    @Operation(summary = "Received messages, newest first (routing facts only; open one to read it)")
    public List<ReceivedJson> received(@QueryParam("limit") Integer limit) {
        return messages.received(limit == null ? 100 : limit).stream()
                .map(r -> ReceivedJson.of(r, null))
                .toList();
    }

    @RolesAllowed(Roles.ANY)
    @GET
    @Path("received/{id}")
    @Operation(
            summary = "One received message, opened: its verified sender, its marking in plain words and its content")
    @APIResponse(
            responseCode = "403",
            description = "Withheld under its marking: for named persons only, or expired (content-withheld)")
    @APIResponse(responseCode = "404", description = "No such received message")
    public ReceivedJson read(@PathParam("id") String id) {
        UUID envelope = Input.uuid(id, "a message id");
        ReceivedView view = messages.findReceived(envelope)
                .orElseThrow(
                        () -> new NotFoundProblemException("message", "no message " + envelope + " was received here"));
        return ReceivedJson.of(view, messages.read(envelope).orElseThrow());
    }

    @POST
    @Path("received/{id}/forward")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Pass a received message on to other organisations, if its marking permits",
            description = "Body: {\"organisations\": [\"organisation id\", …]}. Never TLP:RED, AMBER+STRICT, expired"
                    + " or embargoed material; beyond the distribution as it stands now, or at all under originator"
                    + " control, only with the originator's consent (POST …/consent-requests first). The forward is"
                    + " a new message (type amicus.forward) marked like the original for exactly the organisations"
                    + " that newly receive it.")
    @APIResponse(responseCode = "201", description = "Forwarded")
    @APIResponse(responseCode = "404", description = "No such received message")
    @APIResponse(responseCode = "409", description = "The marking does not permit it (reshare-refused); nothing sent")
    public Response forward(@PathParam("id") String id, JsonObject body, @Context UriInfo uri) {
        UUID message = Input.uuid(id, "a message id");
        SentView sent = messages.forward(message, organisations(body))
                .orElseThrow(
                        () -> new NotFoundProblemException("message", "no message " + message + " was received here"));
        return Response.created(uri.getBaseUriBuilder()
                        .path("messages/sent")
                        .path(sent.envelopeId().toString())
                        .build())
                .entity(SentJson.of(sent))
                .build();
    }

    @POST
    @Path("received/{id}/consent-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Ask the originator of a received message for consent to pass it on to organisations",
            description = "Body: {\"organisations\": [\"organisation id\", …]}. Sent, signed, to the originator's node;"
                    + " its answer arrives as a signed reply (GET /api/v1/consents).")
    @APIResponse(responseCode = "201", description = "Asked")
    @APIResponse(responseCode = "404", description = "No such received message")
    @APIResponse(
            responseCode = "409",
            description = "No consent is needed, or none could help (RED, AMBER+STRICT, embargo, expiry)")
    public Response askConsent(@PathParam("id") String id, JsonObject body) {
        UUID message = Input.uuid(id, "a message id");
        if (messages.findReceived(message).isEmpty()) {
            throw new NotFoundProblemException("message", "no message " + message + " was received here");
        }
        return Response.status(Response.Status.CREATED)
                .entity(org.amicus.web.coalition.ConsentsResource.ConsentJson.of(
                        consents.request(message, organisations(body))))
                .build();
    }

    /** The {@code organisations} of a request body: 1 to 100 organisation ids. */
    static java.util.Set<org.amicus.core.membership.entity.OrgId> organisations(JsonObject body) {
        if (body == null
                || !(body.get("organisations") instanceof JsonArray list)
                || list.isEmpty()
                || list.size() > 100) {
            throw new InvalidInputException("\"organisations\" is required: 1 to 100 organisation ids");
        }
        java.util.Set<org.amicus.core.membership.entity.OrgId> orgs = new java.util.LinkedHashSet<>();
        for (JsonValue v : list) {
            if (!(v instanceof JsonString s)) {
                throw new InvalidInputException("\"organisations\" holds organisation ids (strings)");
            }
            try {
                orgs.add(org.amicus.core.membership.entity.OrgId.parse(s.getString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        return orgs;
    }

    /** Messages sent in one batch, in the order given. */
    public record SentBatchJson(List<SentJson> messages) {}

    /** A sent message and its delivery per recipient node. */
    public record SentJson(String id, String created, String expires, String priority, List<Recipient> recipients) {

        public record Recipient(String node, String state, String stateAt, String detail) {}

        static SentJson of(SentView s) {
            return new SentJson(
                    s.envelopeId().toString(),
                    s.created().toString(),
                    s.expires().toString(),
                    s.priority(),
                    s.recipients().stream()
                            .map(r -> new Recipient(
                                    r.node().toString(),
                                    r.state().name(),
                                    r.stateAt().toString(),
                                    r.detail()))
                            .toList());
        }
    }

    /** A received message: routing facts, and its content when opened. */
    public record ReceivedJson(
            String id,
            String fromNode,
            String sender,
            String viaPeer,
            String created,
            String expires,
            String receivedAt,
            String priority,
            int size,
            String sha256,
            String receiptSentAt,
            JsonObject marking,
            List<String> markingInWords,
            JsonObject forwardedFrom,
            String type,
            String subject,
            String body) {

        static ReceivedJson of(ReceivedView r, Content content) {
            JsonObject forwardedFrom = null;
            String text = content == null ? null : content.body();
            if (content != null && Messages.FORWARD_TYPE.equals(content.type())) {
                JsonObject f = jakarta.json.Json.createReader(new java.io.StringReader(content.body()))
                        .readObject();
                forwardedFrom = jakarta.json.Json.createObjectBuilder()
                        .add("message", f.getString("message"))
                        .add("originator", f.getString("originator"))
                        .build();
                text = f.getString("body");
            }
            return new ReceivedJson(
                    r.envelopeId().toString(),
                    r.fromNode().toString(),
                    r.sender().hex(),
                    r.viaPeer().toString(),
                    r.created().toString(),
                    r.expires().toString(),
                    r.receivedAt().toString(),
                    r.priority(),
                    r.size(),
                    r.sha256(),
                    r.receiptSentAt() == null ? null : r.receiptSentAt().toString(),
                    r.marking() == null ? null : MarkingJson.toJson(r.marking()),
                    r.marking() == null ? null : r.marking().describe(),
                    forwardedFrom,
                    content == null ? null : content.type(),
                    content == null ? null : content.subject(),
                    text);
        }
    }
}
