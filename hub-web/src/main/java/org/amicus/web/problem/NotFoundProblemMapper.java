package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class NotFoundProblemMapper implements ExceptionMapper<NotFoundProblemException> {

    @Override
    public Response toResponse(NotFoundProblemException e) {
        return Problem.of(e.what() + "-not-found", "Not found", Response.Status.NOT_FOUND, e.getMessage())
                .toResponse();
    }
}
