package org.amicus.web.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.amicus.core.membership.boundary.Enrolment;
import org.amicus.core.membership.boundary.People;
import org.amicus.core.membership.boundary.PersonView;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonStatus;
import org.amicus.core.membership.entity.Role;
import org.amicus.core.membership.entity.Username;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The people of this node's organisation (docs/access.md). Changes need a recent sign-in or confirmation. */
@RequestScoped
@Path("people")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMINISTRATOR)
@Tag(name = "People", description = "Accounts, roles and credentials of this organisation's people")
public class PeopleResource {

    @Inject
    People people;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Reauthenticated
    @Operation(
            summary = "Add a person",
            description = "Body {\"username\", \"displayName\", \"roles\": [\"analyst\", …], \"password\"} (at least 12"
                    + " characters). Answers the person and, once only, the TOTP enrolment (otpauth URI and secret)"
                    + " to hand to them for their authenticator app.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "The username is taken")
    @APIResponse(responseCode = "422", description = "The password is too weak")
    public Response add(JsonObject body) {
        Username username = username(SessionsResource.text(body, "username", 100));
        String displayName = SessionsResource.text(body, "displayName", 120);
        Set<Role> roles = roles(body.get("roles"));
        char[] password = SessionsResource.text(body, "password", 1_000).toCharArray();
        try {
            Enrolment e = people.add(caller(), username, displayName, roles, password);
            return Response.created(URI.create("people/" + e.person().id()))
                    .header("Cache-Control", "no-store")
                    .entity(e)
                    .build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @GET
    @Operation(summary = "Everyone with an account at this node")
    public List<PersonView> list() {
        return people.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One person")
    @APIResponse(responseCode = "404", description = "No such person")
    public PersonView find(@PathParam("id") String id) {
        return people.find(id(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Reauthenticated
    @Operation(
            summary = "Change a person's display name, roles or status",
            description = "Body with any of {\"displayName\", \"roles\": […], \"status\": \"active\"|\"disabled\"}."
                    + " Disabling ends their sessions at once. The last active administrator cannot be removed.")
    @APIResponse(responseCode = "409", description = "It would leave no active administrator")
    public PersonView change(@PathParam("id") String id, JsonObject body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException("send at least one of \"displayName\", \"roles\", \"status\"");
        }
        String displayName = body.containsKey("displayName") ? SessionsResource.text(body, "displayName", 120) : null;
        Set<Role> roles = body.containsKey("roles") ? roles(body.get("roles")) : null;
        PersonStatus status = body.containsKey("status") ? status(SessionsResource.text(body, "status", 20)) : null;
        return people.change(caller(), id(id), displayName, roles, status);
    }

    @POST
    @Path("{id}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Reauthenticated
    @Operation(
            summary = "Reset a person's password and authenticator (a lost phone, a forgotten password)",
            description = "Body {\"password\"}: their new first password. Lifts a lock-out, ends their sessions and"
                    + " answers a new TOTP enrolment, shown once.")
    public Response resetCredentials(@PathParam("id") String id, JsonObject body) {
        char[] password = SessionsResource.text(body, "password", 1_000).toCharArray();
        try {
            return Response.ok(people.resetCredentials(caller(), id(id), password))
                    .header("Cache-Control", "no-store")
                    .build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(
            summary = "Change your own password",
            description = "Body {\"currentPassword\", \"newPassword\"}. Your other sessions end.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "422", description = "The current password is wrong or the new one too weak")
    public Response changeOwnPassword(JsonObject body) {
        char[] current = SessionsResource.text(body, "currentPassword", 1_000).toCharArray();
        char[] next = SessionsResource.text(body, "newPassword", 1_000).toCharArray();
        try {
            people.changeOwnPassword(
                    caller(), BearerAuthentication.bearerToken(request).orElse(null), current, next);
            return Response.noContent().build();
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
        }
    }

    private Caller caller() {
        return (Caller) request.getAttribute(BearerAuthentication.CALLER);
    }

    private static Username username(String text) {
        try {
            return new Username(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static PersonId id(String text) {
        try {
            return PersonId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("a person id is a UUID, got '" + text + "'");
        }
    }

    private static PersonStatus status(String text) {
        try {
            return PersonStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("\"status\" is \"active\" or \"disabled\"");
        }
    }

    private static Set<Role> roles(JsonValue value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidInputException("\"roles\" is a non-empty list such as [\"analyst\"]");
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new InvalidInputException("\"roles\" holds role names");
            }
            try {
                roles.add(Role.parse(s.getString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        return roles;
    }
}
