package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.amicus.messaging.envelope.EnvelopeRejectedException;

/** Problem details for messages that cannot be opened (docs/api/problems.md). */
public final class EnvelopeMappers {

    private EnvelopeMappers() {}

    /** {@code message-<kind>}, e.g. {@code message-unknown-sender}; the detail names the check, never content. */
    @Provider
    public static class Rejected implements ExceptionMapper<EnvelopeRejectedException> {
        @Override
        public Response toResponse(EnvelopeRejectedException e) {
            String kind = e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return Problem.of(
                            "message-" + kind,
                            "Message refused",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing of its content was released")
                    .toResponse();
        }
    }

    @Provider
    public static class TooLarge implements ExceptionMapper<MessageTooLargeException> {
        @Override
        public Response toResponse(MessageTooLargeException e) {
            return Problem.of(
                            "message-too-large",
                            "Message too large",
                            Response.Status.REQUEST_ENTITY_TOO_LARGE,
                            e.getMessage())
                    .toResponse();
        }
    }
}
