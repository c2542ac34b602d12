package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.membership.boundary.PeopleRefusedException;
import org.amicus.core.membership.boundary.PersonNotFoundException;

/** Problem details for people and sign-in (docs/api/problems.md). */
public final class AccessMappers {

    private AccessMappers() {}

    @Provider
    public static class RateLimited implements ExceptionMapper<RateLimitedException> {
        @Override
        public Response toResponse(RateLimitedException e) {
            return Response.fromResponse(Problem.of("rate-limited", "Too many attempts", 429, e.getMessage())
                            .toResponse())
                    .header("Retry-After", Math.max(1, e.retryAfter().toSeconds() + 1))
                    .build();
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<PersonNotFoundException> {
        @Override
        public Response toResponse(PersonNotFoundException e) {
            return Problem.of("person-not-found", "No such person", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class Refused implements ExceptionMapper<PeopleRefusedException> {
        @Override
        public Response toResponse(PeopleRefusedException e) {
            return switch (e.reason()) {
                case USERNAME_TAKEN ->
                    Problem.of("username-taken", "Username taken", Response.Status.CONFLICT, e.getMessage())
                            .toResponse();
                case LAST_ADMINISTRATOR ->
                    Problem.of(
                                    "last-administrator",
                                    "An administrator is needed",
                                    Response.Status.CONFLICT,
                                    e.getMessage())
                            .toResponse();
                case CREDENTIAL_REJECTED ->
                    Problem.of("credential-rejected", "Password not accepted", Problem.UNPROCESSABLE, e.getMessage())
                            .toResponse();
                case INVALID ->
                    Problem.of("invalid-input", "Invalid input", Response.Status.BAD_REQUEST, e.getMessage())
                            .toResponse();
            };
        }
    }
}
