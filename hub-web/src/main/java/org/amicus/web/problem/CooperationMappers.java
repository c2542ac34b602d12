package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.cooperation.boundary.CooperationRequestNotFoundException;
import org.amicus.core.cooperation.boundary.DeadlinePassedException;
import org.amicus.core.cooperation.boundary.InvalidCooperationException;
import org.amicus.core.cooperation.entity.IllegalTransitionException;

/** Problem details for cooperation requests (docs/api/problems.md). */
public final class CooperationMappers {

    private CooperationMappers() {}

    @Provider
    public static class NotFound implements ExceptionMapper<CooperationRequestNotFoundException> {
        @Override
        public Response toResponse(CooperationRequestNotFoundException e) {
            return Problem.of(
                            "cooperation-request-not-found",
                            "No such cooperation request",
                            Response.Status.NOT_FOUND,
                            e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class IllegalTransition implements ExceptionMapper<IllegalTransitionException> {
        @Override
        public Response toResponse(IllegalTransitionException e) {
            return Problem.of(
                            "illegal-transition",
                            "Not a step this side can take now",
                            Response.Status.CONFLICT,
                            e.getMessage() + "; nothing changed")
                    .toResponse();
        }
    }

    @Provider
    public static class DeadlinePassed implements ExceptionMapper<DeadlinePassedException> {
        @Override
        public Response toResponse(DeadlinePassedException e) {
            return Problem.of(
                            "deadline-passed",
                            "The deadline has passed",
                            Response.Status.CONFLICT,
                            e.getMessage() + "; nothing changed")
                    .toResponse();
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidCooperationException> {
        @Override
        public Response toResponse(InvalidCooperationException e) {
            return Problem.of(
                            "invalid-cooperation-request",
                            "The request or step is incomplete",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was stored or sent")
                    .toResponse();
        }
    }
}
