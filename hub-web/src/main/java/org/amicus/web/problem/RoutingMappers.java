package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.coalition.boundary.CoalitionNotFoundException;
import org.amicus.core.coalition.boundary.CoalitionRefusedException;
import org.amicus.core.coalition.control.RosterEventRefusedException;
import org.amicus.core.federation.boundary.ContentWithheldException;
import org.amicus.core.organisation.boundary.OrganisationNotFoundException;
import org.amicus.core.routing.control.RoutingRefusedException;
import org.amicus.core.routing.entity.InvalidMarkingException;

/** Problem details for markings, routing, organisations and coalitions (docs/api/problems.md). */
public final class RoutingMappers {

    private RoutingMappers() {}

    @Provider
    public static class InvalidMarking implements ExceptionMapper<InvalidMarkingException> {
        @Override
        public Response toResponse(InvalidMarkingException e) {
            return Problem.of(
                            "invalid-marking",
                            "The marking contradicts itself",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was sent")
                    .toResponse();
        }
    }

    @Provider
    public static class RoutingRefused implements ExceptionMapper<RoutingRefusedException> {
        @Override
        public Response toResponse(RoutingRefusedException e) {
            return Problem.of(
                            "routing-refused",
                            "The marking cannot be routed",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was sent")
                    .toResponse();
        }
    }

    @Provider
    public static class ContentWithheld implements ExceptionMapper<ContentWithheldException> {
        @Override
        public Response toResponse(ContentWithheldException e) {
            return Problem.of(
                            "content-withheld",
                            "Not shown to you under its marking",
                            Response.Status.FORBIDDEN,
                            e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class ReshareRefused
            implements ExceptionMapper<org.amicus.core.routing.boundary.ReshareRefusedException> {
        @Override
        public Response toResponse(org.amicus.core.routing.boundary.ReshareRefusedException e) {
            return Problem.of(
                            "reshare-refused",
                            "Not passed on under its marking",
                            Response.Status.CONFLICT,
                            e.getMessage() + "; nothing was sent")
                    .toResponse();
        }
    }

    @Provider
    public static class ConsentNotFound
            implements ExceptionMapper<org.amicus.core.routing.boundary.ConsentNotFoundException> {
        @Override
        public Response toResponse(org.amicus.core.routing.boundary.ConsentNotFoundException e) {
            return Problem.of("consent-not-found", "No such consent request", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class OrganisationNotFound implements ExceptionMapper<OrganisationNotFoundException> {
        @Override
        public Response toResponse(OrganisationNotFoundException e) {
            return Problem.of(
                            "organisation-not-found", "No such organisation", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class CoalitionNotFound implements ExceptionMapper<CoalitionNotFoundException> {
        @Override
        public Response toResponse(CoalitionNotFoundException e) {
            return Problem.of("coalition-not-found", "No such coalition", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class CoalitionRefused implements ExceptionMapper<CoalitionRefusedException> {
        @Override
        public Response toResponse(CoalitionRefusedException e) {
            return Problem.of(
                            "coalition-refused",
                            "Not a valid coalition request",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was changed")
                    .toResponse();
        }
    }

    /** A roster change the coalition's rules refuse: 403 when it is not this organisation's to make, else 409. */
    @Provider
    public static class RosterRefused implements ExceptionMapper<RosterEventRefusedException> {
        @Override
        public Response toResponse(RosterEventRefusedException e) {
            boolean unauthorised = e.kind() == RosterEventRefusedException.Kind.UNAUTHORISED;
            return Problem.of(
                            unauthorised ? "roster-unauthorised" : "roster-conflict",
                            unauthorised
                                    ? "Not this organisation's to change in the coalition"
                                    : "Not possible in the coalition's state",
                            unauthorised ? Response.Status.FORBIDDEN : Response.Status.CONFLICT,
                            e.getMessage() + "; nothing was changed")
                    .toResponse();
        }
    }
}
