package org.amicus.web.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported media type) as problem details.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "HTTP " + status : type.getReasonPhrase();
        String slug = reason.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new Problem(
                        java.net.URI.create(Problem.TYPE_BASE + "http-" + slug),
                        reason,
                        status,
                        status == 404 ? "There is nothing at this address." : reason + ".")
                .toResponse();
    }
}
