package org.amicus.web.access;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.amicus.core.membership.boundary.Sessions;
import org.amicus.core.membership.boundary.SignIn;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.Role;
import org.amicus.web.problem.InvalidInputException;
import org.amicus.web.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signing in and out (docs/access.md). */
@RequestScoped
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "Sign in with a password and a TOTP code; sign out; confirm it is you")
public class SessionsResource {

    @Inject
    Sessions sessions;

    @Inject
    SignInThrottle throttle;

    @Context
    HttpServletRequest request;

    public record SessionJson(String token, String person, String username, List<String> roles, Instant expiresAt) {
        @Override
        public String toString() {
            return "SessionJson[" + person + "]"; // never the token
        }
    }

    public record CurrentJson(
            String principal, String username, List<String> roles, Instant authenticatedAt, Instant expiresAt) {}

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Sign in",
            description = "Body {\"username\", \"password\", \"code\"} (the 6-digit code of the person's authenticator"
                    + " app). Answers a fresh bearer token, to send as 'Authorization: Bearer TOKEN'. Any wrong part"
                    + " gives the same 401; after repeated failures the account is locked for a while.")
    @APIResponse(responseCode = "201", description = "Signed in")
    @APIResponse(responseCode = "401", description = "Sign-in failed")
    @APIResponse(responseCode = "429", description = "Too many attempts from this address; wait")
    public Response signIn(JsonObject body) {
        throttle.acquire(request.getRemoteAddr());
        String username = text(body, "username", 100);
        char[] password = text(body, "password", 1_000).toCharArray();
        String code = text(body, "code", 20);
        SignIn result = sessions.signIn(username, password, code);
        java.util.Arrays.fill(password, '\0');
        if (result instanceof SignIn.SignedIn in) {
            Caller c = in.caller();
            return Response.status(Response.Status.CREATED)
                    .header("Cache-Control", "no-store")
                    .entity(new SessionJson(in.token(), c.principal(), c.username(), roleNames(c), in.expiresAt()))
                    .build();
        }
        return Problem.of(
                        "sign-in-failed",
                        "Sign-in failed",
                        Response.Status.UNAUTHORIZED,
                        "the username, password or code is not right, or the account is locked after repeated"
                                + " failures (it unlocks by itself after a while, or an administrator unlocks it)")
                .toResponse();
    }

    @GET
    @Path("current")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Who this token signs in, with which roles, until when")
    public CurrentJson current() {
        Caller c = caller();
        Instant expires = c.isOperator() ? null : sessions.expiresAt(token()).orElse(null);
        return new CurrentJson(c.principal(), c.username(), roleNames(c), c.authenticatedAt(), expires);
    }

    @DELETE
    @Path("current")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Sign out: the token is worthless from now on")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response signOut() {
        if (!caller().isOperator()) {
            sessions.signOut(token());
        }
        return Response.noContent().build();
    }

    @POST
    @Path("current/reauthenticate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANY)
    @Operation(
            summary = "Confirm it is you before a sensitive change",
            description = "Body {\"password\", \"code\"}. Failures count towards lock-out.")
    @APIResponse(responseCode = "204", description = "Confirmed for the next few minutes")
    @APIResponse(responseCode = "401", description = "Not confirmed")
    public Response reauthenticate(JsonObject body) {
        throttle.acquire(request.getRemoteAddr());
        char[] password = text(body, "password", 1_000).toCharArray();
        String code = text(body, "code", 20);
        boolean ok = caller().isOperator() || sessions.reauthenticate(token(), password, code);
        java.util.Arrays.fill(password, '\0');
        if (ok) {
            return Response.noContent().build();
        }
        return Problem.of(
                        "sign-in-failed",
                        "Not confirmed",
                        Response.Status.UNAUTHORIZED,
                        "the password or code is not right (repeated failures lock the account)")
                .toResponse();
    }

    private Caller caller() {
        return (Caller) request.getAttribute(BearerAuthentication.CALLER);
    }

    private String token() {
        return BearerAuthentication.bearerToken(request).orElseThrow();
    }

    static List<String> roleNames(Caller c) {
        return c.roles().stream().sorted().map(Role::wireName).toList();
    }

    static String text(JsonObject body, String name, int max) {
        if (body == null) {
            throw new InvalidInputException("the request needs a JSON object body");
        }
        if (!(body.get(name) instanceof jakarta.json.JsonString s)
                || s.getString().isEmpty()) {
            throw new InvalidInputException("\"" + name + "\" is required");
        }
        if (s.getString().length() > max) {
            throw new InvalidInputException("\"" + name + "\" must be at most " + max + " characters");
        }
        return s.getString();
    }
}
