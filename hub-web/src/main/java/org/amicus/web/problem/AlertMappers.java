package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.alert.boundary.AlertNotFoundException;
import org.amicus.core.alert.entity.AlertStateException;
import org.amicus.core.alert.entity.InvalidAlertException;
import org.amicus.core.alert.entity.InvalidStixException;

/** Problem details for security alerts (docs/api/problems.md). */
public final class AlertMappers {

    private AlertMappers() {}

    @Provider
    public static class NotFound implements ExceptionMapper<AlertNotFoundException> {
        @Override
        public Response toResponse(AlertNotFoundException e) {
            return Problem.of("alert-not-found", "No such alert", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidAlertException> {
        @Override
        public Response toResponse(InvalidAlertException e) {
            return Problem.of(
                            "invalid-alert",
                            "The alert cannot be sent as given",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was sent")
                    .toResponse();
        }
    }

    @Provider
    public static class InvalidStix implements ExceptionMapper<InvalidStixException> {
        @Override
        public Response toResponse(InvalidStixException e) {
            return Problem.of(
                            "invalid-stix",
                            "The STIX bundle cannot be taken",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was sent")
                    .toResponse();
        }
    }

    @Provider
    public static class State implements ExceptionMapper<AlertStateException> {
        @Override
        public Response toResponse(AlertStateException e) {
            return Problem.of(
                            "alert-state",
                            "Not possible in the alert's state",
                            Response.Status.CONFLICT,
                            e.getMessage())
                    .toResponse();
        }
    }
}
