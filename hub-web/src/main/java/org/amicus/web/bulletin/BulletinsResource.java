package org.amicus.web.bulletin;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.amicus.core.bulletin.boundary.BulletinView;
import org.amicus.core.bulletin.boundary.Bulletins;
import org.amicus.core.bulletin.boundary.SeriesView;
import org.amicus.core.bulletin.control.BulletinFeeds;
import org.amicus.core.bulletin.control.BulletinMessages;
import org.amicus.core.bulletin.entity.Attachment;
import org.amicus.core.bulletin.entity.BulletinId;
import org.amicus.core.bulletin.entity.BulletinText;
import org.amicus.core.bulletin.entity.InvalidBulletinException;
import org.amicus.core.bulletin.entity.Recurrence;
import org.amicus.core.bulletin.entity.SeriesId;
import org.amicus.core.bulletin.entity.SeriesText;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Marking;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulletins (docs/bulletins.md): editors write them in several languages, a second editor reviews them, they are
 * published now or at a set time; series recur from a template; organisations choose the series they receive;
 * everyone at a node reads what it received. Public bulletins are open to anyone as an Atom feed and a digest.
 */
@Path("bulletins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bulletins", description = "Bulletins to audiences, their review, schedules, series and feeds")
@RolesAllowed({
    Roles.ADMINISTRATOR,
    Roles.COORDINATOR,
    Roles.SECURITY_OFFICER,
    Roles.ANALYST,
    Roles.BULLETIN_EDITOR,
    Roles.VIEWER
})
@ApplicationScoped
public class BulletinsResource {

    static final String BODY = "Body: {\"translations\": [{\"language\" (BCP 47: ar, en, fr, uk, …), \"title\","
            + " \"body\"}, …] (the first is the original), \"attachments\": [{\"name\", \"mediaType\", \"content\""
            + " (base64)}] (1 MiB in all), \"marking\": {\"tlp\", \"distribution\": federation | coalitions |"
            + " organisations, …} (the audience) or \"series\" (a series of this organisation: its audience),"
            + " \"publishAt\" (optional: ISO 8601 instant, published then once approved)}";

    /** The feed's id is this organisation's: stable, so readers recognise the feed. */
    @Inject
    org.amicus.core.organisation.boundary.Organisations organisations;

    @Inject
    Bulletins bulletins;

    @Inject
    Clock clock;

    @GET
    @Operation(summary = "The bulletins this organisation published and received, newest first")
    public List<BulletinJson> list() {
        return bulletins.list().stream().map(BulletinJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(
            summary = "Draft a bulletin",
            description = BODY + ". Nothing leaves the node until a second editor" + " approves it.")
    @APIResponse(responseCode = "201", description = "Drafted")
    @APIResponse(
            responseCode = "422",
            description = "No language version, an unknown language tag, a version without title or text, attachments"
                    + " over 1 MiB, no audience, a time in the past")
    public Response draft(JsonObject body) {
        JsonObject b = required(body);
        BulletinView v = bulletins.draft(text(b), marking(b), series(b), instant(b, "publishAt"));
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/bulletins/" + v.id())
                .entity(BulletinJson.of(v))
                .build();
    }

    @GET
    @Path("feed")
    @PermitAll
    @Produces("application/atom+xml")
    @Operation(
            summary = "Public bulletins (TLP:CLEAR) as an Atom feed, open to anyone",
            description = "Every language version is an entry with its language and writing direction.")
    public Response feed(@Context UriInfo uri) {
        String xml = BulletinFeeds.atom(
                organisations.self().value(),
                "Public bulletins",
                uri.getRequestUri().toString(),
                bulletins.publicEntries(50),
                clock.instant());
        return Response.ok(xml, "application/atom+xml;charset=UTF-8").build();
    }

    @GET
    @Path("digest")
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(
            summary = "Public bulletins (TLP:CLEAR) as a plain-text digest, open to anyone",
            description = "For low-bandwidth channels: a text-message gateway, a mailing list, a radio script.")
    public Response digest() {
        return Response.ok(
                        BulletinFeeds.digest("Public bulletins", bulletins.publicEntries(20), clock.instant()),
                        "text/plain;charset=UTF-8")
                .build();
    }

    @GET
    @Path("series")
    @Operation(summary = "The series this organisation publishes, and those announced to it with its choice")
    public List<SeriesJson> listSeries() {
        return bulletins.listSeries().stream().map(SeriesJson::of).toList();
    }

    @POST
    @Path("series")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(
            summary = "Create a series of bulletins",
            description = "Body: {\"name\", \"description\", \"marking\" (its audience), and for a recurring series"
                    + " \"recurrence\": {\"frequency\": weekly|monthly, \"day\" (1–7 Monday–Sunday, or 1–31),"
                    + " \"at\": \"09:00\", \"zone\": \"Europe/Kyiv\"} with \"template\": [{\"language\", \"title\","
                    + " \"body\"}] whose placeholders {{issue}}, {{date}}, {{month}}, {{year}}, {{week}}, {{period}}"
                    + " are filled in for each issue}. A second editor approves it; it is then announced to its"
                    + " audience, and a recurring one publishes each issue at its time.")
    @APIResponse(responseCode = "201", description = "Created, waiting for approval")
    @APIResponse(
            responseCode = "422",
            description = "No name or audience, an unknown placeholder, time zone or"
                    + " language, a recurring series without template")
    public Response createSeries(JsonObject body) {
        JsonObject b = required(body);
        Optional<Recurrence> recurrence = recurrence(b.get("recurrence"));
        SeriesText text = new SeriesText(
                BulletinMessages.string(b, "name").orElse(null),
                BulletinMessages.string(b, "description"),
                b.containsKey("template")
                        ? Optional.of(BulletinMessages.content(b.get("template")))
                        : Optional.empty());
        SeriesView v = bulletins.createSeries(
                text,
                marking(b).orElseThrow(() -> new InvalidBulletinException("a series needs an audience: \"marking\"")),
                recurrence);
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/bulletins/series/" + v.id())
                .entity(SeriesJson.of(v))
                .build();
    }

    @GET
    @Path("series/{id}")
    @Operation(summary = "One series")
    @APIResponse(responseCode = "404", description = "No such series here")
    public SeriesJson series(@PathParam("id") String id) {
        return SeriesJson.of(bulletins.series(seriesId(id)));
    }

    @POST
    @Path("series/{id}/approve")
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(summary = "Approve a series (a second editor, not its author): it is announced and starts")
    @APIResponse(responseCode = "409", description = "Not a draft, the caller wrote it, or the operator token")
    public SeriesJson approveSeries(@PathParam("id") String id) {
        return SeriesJson.of(bulletins.approveSeries(seriesId(id)));
    }

    @POST
    @Path("series/{id}/end")
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(summary = "End a series: no more issues; its audience is told")
    public SeriesJson endSeries(@PathParam("id") String id) {
        return SeriesJson.of(bulletins.endSeries(seriesId(id)));
    }

    @PUT
    @Path("series/{id}/subscription")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.BULLETIN_EDITOR})
    @Operation(
            summary = "Choose whether this organisation receives a series another organisation publishes",
            description = "Body: {\"subscribed\": true|false}. Its publisher is told; an organisation receives the"
                    + " series of its audience unless it says no.")
    @APIResponse(responseCode = "409", description = "A series this organisation publishes")
    public SeriesJson subscribe(@PathParam("id") String id, JsonObject body) {
        JsonValue on = required(body).get("subscribed");
        if (on != JsonValue.TRUE && on != JsonValue.FALSE) {
            throw new InvalidBulletinException("\"subscribed\" is true or false");
        }
        return SeriesJson.of(bulletins.subscribe(seriesId(id), on == JsonValue.TRUE));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One bulletin, in all its languages",
            description = "The first time anyone at a receiving organisation opens it, its publisher is told that the"
                    + " organisation read it (never who).")
    @APIResponse(responseCode = "404", description = "No such bulletin here")
    public BulletinJson get(@PathParam("id") String id) {
        return BulletinJson.of(bulletins.get(bulletinId(id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(summary = "Change a draft", description = BODY)
    @APIResponse(responseCode = "409", description = "Not a draft (in review, scheduled, published, received)")
    public BulletinJson redraft(@PathParam("id") String id, JsonObject body) {
        JsonObject b = required(body);
        return BulletinJson.of(bulletins.redraft(bulletinId(id), text(b), marking(b), instant(b, "publishAt")));
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(summary = "Submit a draft for review by a second editor")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public BulletinJson submit(@PathParam("id") String id) {
        return BulletinJson.of(bulletins.submit(bulletinId(id)));
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(
            summary = "Approve a bulletin in review (a second editor, not its author)",
            description = "It is published at once, or at its \"publishAt\" time, even if the node restarts between.")
    @APIResponse(responseCode = "409", description = "Not in review, the caller wrote it, or the operator token")
    public BulletinJson approve(@PathParam("id") String id) {
        return BulletinJson.of(bulletins.approve(bulletinId(id)));
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BULLETIN_EDITOR)
    @Operation(summary = "Send a bulletin in review back to its author", description = "Body: {\"note\"}.")
    public BulletinJson reject(@PathParam("id") String id, JsonObject body) {
        return BulletinJson.of(bulletins.reject(
                bulletinId(id), BulletinMessages.string(required(body), "note").orElse(null)));
    }

    @GET
    @Path("{id}/attachments/{file}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "One attachment of a bulletin (1, 2, …)")
    @APIResponse(responseCode = "404", description = "No such bulletin or attachment")
    public Response attachment(@PathParam("id") String id, @PathParam("file") String file) {
        int n;
        try {
            n = Integer.parseInt(file);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("an attachment is named by its number: 1, 2, …");
        }
        Attachment a = bulletins.attachment(bulletinId(id), n);
        return Response.ok(a.content(), a.mediaType())
                .header("Content-Disposition", org.amicus.web.Downloads.attachment(a.name()))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    // --- input -----------------------------------------------------------------------------------

    private static JsonObject required(JsonObject body) {
        if (body == null) {
            throw new InvalidBulletinException("the request needs a JSON object body");
        }
        return body;
    }

    private static BulletinText text(JsonObject b) {
        if (!b.containsKey("translations")) {
            throw new InvalidBulletinException("a bulletin has at least one language version: \"translations\":"
                    + " [{\"language\", \"title\", \"body\"}]");
        }
        return new BulletinText(
                BulletinMessages.content(b.get("translations")),
                BulletinMessages.attachments(b.get("attachments")),
                Optional.empty());
    }

    private static Optional<Marking> marking(JsonObject b) {
        if (!(b.get("marking") instanceof JsonObject m)) {
            return Optional.empty();
        }
        if (!m.containsKey("tlp")) {
            m = jakarta.json.Json.createObjectBuilder(m).add("tlp", "amber").build();
        }
        return Optional.of(MarkingJson.parse(m)); // InvalidMarkingException: 422 invalid-marking
    }

    private static Optional<SeriesId> series(JsonObject b) {
        return BulletinMessages.string(b, "series").map(BulletinsResource::seriesId);
    }

    private static Optional<Instant> instant(JsonObject b, String name) {
        try {
            return BulletinMessages.string(b, name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidBulletinException("\"" + name + "\" is an ISO 8601 instant such as 2026-12-01T09:00:00Z");
        }
    }

    private static Optional<Recurrence> recurrence(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonObject r)) {
            throw new InvalidBulletinException("\"recurrence\" is {\"frequency\", \"day\", \"at\", \"zone\"}");
        }
        LocalTime at;
        try {
            at = LocalTime.parse(BulletinMessages.string(r, "at").orElse("09:00"));
        } catch (DateTimeParseException e) {
            throw new InvalidBulletinException("\"at\" is a time of day such as 09:00");
        }
        if (!(r.get("day") instanceof jakarta.json.JsonNumber day)) {
            throw new InvalidBulletinException("\"day\" is a number: 1–7 (Monday–Sunday) or 1–31");
        }
        return Optional.of(new Recurrence(
                Recurrence.Frequency.parse(
                        BulletinMessages.string(r, "frequency").orElse(null)),
                day.intValue(),
                at,
                Recurrence.zone(BulletinMessages.string(r, "zone").orElse("UTC"))));
    }

    static BulletinId bulletinId(String text) {
        try {
            return BulletinId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    static SeriesId seriesId(String text) {
        try {
            return SeriesId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
