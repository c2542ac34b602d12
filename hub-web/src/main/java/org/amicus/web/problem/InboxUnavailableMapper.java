package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.node.control.InboxUnavailableException;

/** The broker did not take the message: 503, and the transaction was rolled back. */
@Provider
public class InboxUnavailableMapper implements ExceptionMapper<InboxUnavailableException> {

    @Override
    public Response toResponse(InboxUnavailableException e) {
        return Problem.of(
                        "broker-unavailable",
                        "Broker unavailable",
                        Response.Status.SERVICE_UNAVAILABLE,
                        "The node's broker did not accept the message, so nothing was recorded. Try again; "
                                + "if it persists, the operator should check the broker log.")
                .toResponse();
    }
}
