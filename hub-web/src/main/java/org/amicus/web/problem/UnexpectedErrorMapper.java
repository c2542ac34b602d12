package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything not mapped more precisely: 500 with an incident id the operator can find in the server
 * log. The exception's own message is not returned (it may name internals) and only its type and
 * stack are logged.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(
                Level.SEVERE,
                "AMICUS-WEB-500 incident " + incident + ": " + e.getClass().getName(),
                e);
        return Problem.of(
                        "internal-error",
                        "Internal error",
                        Response.Status.INTERNAL_SERVER_ERROR,
                        "The node could not complete the request. Nothing was changed unless the response says so. "
                                + "Give the operator incident id " + incident + ".")
                .toResponse();
    }
}
