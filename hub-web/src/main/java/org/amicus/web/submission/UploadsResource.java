package org.amicus.web.submission;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import org.amicus.core.submission.boundary.UploadView;
import org.amicus.core.submission.boundary.Uploads;
import org.amicus.core.submission.entity.UploadId;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Evidence uploads (docs/submissions.md): announce a file, send it in chunks that each start where the upload
 * stands, ask how far it got after a broken connection and go on from there, complete it to record its SHA-256
 * at intake, verify it later.
 */
@ApplicationScoped
@Path("uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence uploads", description = "Files taken in, in resumable chunks, hashed and encrypted at intake")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.ANALYST})
public class UploadsResource {

    @Inject
    Uploads uploads;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Announce a file",
            description = "Body: {\"name\": original file name, \"size\": bytes, \"mediaType\" (default"
                    + " application/octet-stream), \"sha256\": optional, the hash you computed (the upload is refused"
                    + " if the file that arrives has another)}. Nothing is stored until the first chunk.")
    @APIResponse(responseCode = "201", description = "Announced: send the chunks")
    @APIResponse(responseCode = "422", description = "A name, size or hash missing or impossible (invalid-upload)")
    public Response start(JsonObject body) {
        if (body == null) {
            throw new InvalidInputException("a body {\"name\", \"size\", …} is required");
        }
        String name = body.get("name") instanceof JsonString s ? s.getString() : null;
        if (!(body.get("size") instanceof JsonNumber size) || !size.isIntegral()) {
            throw new InvalidInputException("\"size\" is the file's size in bytes");
        }
        String mediaType = body.get("mediaType") instanceof JsonString s ? s.getString() : null;
        Optional<String> sha256 = Optional.empty();
        if (body.get("sha256") instanceof JsonString s) {
            sha256 = Optional.of(s.getString());
        } else if (body.containsKey("sha256") && body.get("sha256") != JsonValue.NULL) {
            throw new InvalidInputException("\"sha256\" is 64 hexadecimal digits");
        }
        UploadView v = uploads.start(name, mediaType, size.longValueExact(), sha256);
        return Response.status(Response.Status.CREATED).entity(UploadJson.of(v)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "How far an upload got: where the next chunk starts (received), its state and hash")
    @APIResponse(responseCode = "404", description = "No such upload (upload-not-found)")
    public UploadJson get(@PathParam("id") String id) {
        return UploadJson.of(uploads.get(id(id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(
            summary = "Send the chunk that starts at byte ?offset=",
            description = "The body is the chunk's bytes (at most chunkLimit, and no more than remain). It is"
                    + " encrypted and hashed as it arrives and kept only once it arrived whole.")
    @APIResponse(responseCode = "200", description = "Kept: received says where the next chunk starts")
    @APIResponse(responseCode = "400", description = "The chunk did not arrive whole (chunk-incomplete); nothing kept")
    @APIResponse(
            responseCode = "409",
            description = "The upload stands at another offset (upload-offset-mismatch: out of order or repeated) or"
                    + " takes no more chunks (upload-state)")
    @APIResponse(
            responseCode = "413",
            description = "Larger than a chunk may be, or than what remains (chunk-too-large)")
    public UploadJson append(
            @PathParam("id") String id,
            @QueryParam("offset") String offset,
            @HeaderParam("Content-Length") String length,
            InputStream body) {
        UploadId upload = id(id);
        long at;
        try {
            at = Long.parseLong(offset == null ? "" : offset);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("?offset= is the byte the chunk starts at (received, from GET)");
        }
        if (at < 0) {
            throw new InvalidInputException("?offset= is not negative");
        }
        OptionalLong announced = OptionalLong.empty();
        if (length != null) {
            try {
                announced = OptionalLong.of(Long.parseLong(length.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("Content-Length is a number");
            }
        }
        try {
            return UploadJson.of(uploads.append(upload, at, body, announced));
        } catch (RuntimeException refused) {
            drain(body); // a client still sending the chunk then reads the refusal instead of waiting on us
            throw refused;
        }
    }

    /** Reads and drops what is left of a refused chunk, up to one chunk's worth. */
    private static void drain(InputStream body) {
        try {
            long left = Uploads.CHUNK_LIMIT + 1;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (java.io.IOException e) {
            // the client went away: nothing to answer
        }
    }

    @POST
    @Path("{id}/complete")
    @Operation(summary = "Complete an upload whose every byte arrived: its SHA-256 at intake is recorded")
    @APIResponse(responseCode = "409", description = "Bytes are missing, or it is not receiving (upload-state)")
    @APIResponse(
            responseCode = "422",
            description = "Not the file announced: its SHA-256 differs (upload-hash-mismatch); it was discarded")
    public UploadJson complete(@PathParam("id") String id) {
        return UploadJson.of(uploads.complete(id(id)));
    }

    @POST
    @Path("{id}/verify")
    @Operation(
            summary = "Read a completed file again and compare it with its SHA-256 at intake",
            description = "intact is false if the file kept on this node was altered in any way since intake")
    @APIResponse(responseCode = "409", description = "Not complete (upload-state)")
    public VerificationJson verify(@PathParam("id") String id) {
        Uploads.Verification v = uploads.verify(id(id));
        return new VerificationJson(UploadJson.of(v.upload()), v.intact(), v.detail());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Give up an upload that is still receiving: what arrived is removed")
    @APIResponse(responseCode = "409", description = "It is not receiving (upload-state)")
    public UploadJson abandon(@PathParam("id") String id) {
        return UploadJson.of(uploads.abandon(id(id)));
    }

    /** A verification's answer. */
    public record VerificationJson(UploadJson upload, boolean intact, String detail) {}

    private static UploadId id(String text) {
        try {
            return UploadId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
