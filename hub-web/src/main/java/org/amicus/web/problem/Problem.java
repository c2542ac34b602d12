package org.amicus.web.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI that clients may switch on; {@code
 * detail} is a sentence a user can act on and never contains message content.
 */
public record Problem(URI type, String title, int status, String detail) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    /** Base of Amicus problem type URIs; documented in docs/api/problems.md. */
    public static final String TYPE_BASE = "https://amicus.example.org/problems/";

    public static Problem of(String type, String title, Response.Status status, String detail) {
        return new Problem(URI.create(TYPE_BASE + type), title, status.getStatusCode(), detail);
    }

    /** For statuses {@link Response.Status} lacks, e.g. 422 Unprocessable Content. */
    public static Problem of(String type, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_BASE + type), title, status, detail);
    }

    /** 422: the request was understood but its content cannot be used. */
    public static final int UNPROCESSABLE = 422;

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
