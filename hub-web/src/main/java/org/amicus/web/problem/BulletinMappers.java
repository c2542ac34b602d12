package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.bulletin.boundary.BulletinNotFoundException;
import org.amicus.core.bulletin.entity.BulletinStateException;
import org.amicus.core.bulletin.entity.InvalidBulletinException;

/** Problem details for bulletins (docs/api/problems.md). */
public final class BulletinMappers {

    private BulletinMappers() {}

    @Provider
    public static class NotFound implements ExceptionMapper<BulletinNotFoundException> {
        @Override
        public Response toResponse(BulletinNotFoundException e) {
            return Problem.of("bulletin-not-found", "No such bulletin", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidBulletinException> {
        @Override
        public Response toResponse(InvalidBulletinException e) {
            return Problem.of(
                            "invalid-bulletin",
                            "The bulletin cannot be taken as given",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was stored or sent")
                    .toResponse();
        }
    }

    @Provider
    public static class State implements ExceptionMapper<BulletinStateException> {
        @Override
        public Response toResponse(BulletinStateException e) {
            return Problem.of(
                            "bulletin-state",
                            "Not possible in the bulletin's state",
                            Response.Status.CONFLICT,
                            e.getMessage())
                    .toResponse();
        }
    }
}
