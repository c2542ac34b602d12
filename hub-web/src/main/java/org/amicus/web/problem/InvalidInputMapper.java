package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException e) {
        return Problem.of("invalid-input", "Invalid input", Response.Status.BAD_REQUEST, e.getMessage())
                .toResponse();
    }
}
