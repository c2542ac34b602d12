package org.amicus.web.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.amicus.core.identity.boundary.ImportOutcome;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.boundary.KeyNotFoundException;
import org.amicus.core.identity.control.InvalidCertificateException;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.web.access.Reauthenticated;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.Bodies;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The key directory: peer organisations' certificates and how far this node trusts them. */
@ApplicationScoped
@RolesAllowed(Roles.ANY)
@Path("keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys", description = "Peer organisations' certificates: import, list, verify out of band")
public class KeysResource {

    @Inject
    KeyDirectory directory;

    @GET
    @Operation(summary = "Every key in the directory with its trust state")
    public List<PeerKeyJson> list() {
        return directory.list().stream().map(PeerKeyJson::of).toList();
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @POST
    @Consumes({IdentityResource.PGP_KEYS, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            summary = "Import a peer certificate, a newer copy of a known one, or a revocation certificate",
            description = "A new key starts unverified (SEEN). A newer copy may add subkeys its primary key "
                    + "certified; anything else is ignored with a warning. A revocation is honoured at once. "
                    + "A new key for a node already known under another key is kept apart, unverified, with a "
                    + "warning: it never replaces the known key silently.")
    @APIResponse(responseCode = "201", description = "A new key was added (state SEEN)")
    @APIResponse(responseCode = "200", description = "A known key was updated, found unchanged, or revoked")
    @APIResponse(responseCode = "413", description = "Larger than any certificate")
    @APIResponse(responseCode = "422", description = "Not a usable certificate; nothing was stored")
    public Response importCertificate(InputStream body, @Context UriInfo uri) throws IOException {
        byte[] bytes = Bodies.readAtMost(body, KeyDirectory.MAX_CERTIFICATE_BYTES);
        if (bytes == null) {
            throw new InvalidCertificateException(
                    InvalidCertificateException.Reason.TOO_LARGE,
                    "a certificate is at most " + KeyDirectory.MAX_CERTIFICATE_BYTES / 1024 + " KiB");
        }
        ImportOutcome outcome = directory.importCertificate(bytes);
        ImportJson json = ImportJson.of(outcome);
        if (outcome.result() == ImportOutcome.Result.ADDED) {
            return Response.created(uri.getAbsolutePathBuilder()
                            .path(outcome.key().fingerprint().hex())
                            .build())
                    .entity(json)
                    .build();
        }
        return Response.ok(json).build();
    }

    @GET
    @Path("{fingerprint}")
    @Operation(summary = "One key of the directory")
    @APIResponse(responseCode = "404", description = "No such key")
    public PeerKeyJson find(@PathParam("fingerprint") String fingerprint) {
        Fingerprint fp = fingerprint(fingerprint);
        return directory.find(fp).map(PeerKeyJson::of).orElseThrow(() -> new KeyNotFoundException(fp));
    }

    @GET
    @Path("{fingerprint}/certificate")
    @Produces({IdentityResource.PGP_KEYS, MediaType.TEXT_PLAIN})
    @Operation(summary = "The stored certificate, armored")
    @APIResponse(responseCode = "404", description = "No such key")
    public String certificate(@PathParam("fingerprint") String fingerprint) {
        Fingerprint fp = fingerprint(fingerprint);
        return directory
                .find(fp)
                .orElseThrow(() -> new KeyNotFoundException(fp))
                .certificate();
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @Reauthenticated
    @POST
    @Path("{fingerprint}/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record that the fingerprint was confirmed with the organisation out of band",
            description = "Body: {\"fingerprint\": \"the fingerprint as the organisation read it to you\", "
                    + "\"verifiedBy\": \"who compared it\"}. The fingerprint must match the key's.")
    @APIResponse(responseCode = "200", description = "Verified")
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "409", description = "The key is revoked")
    @APIResponse(responseCode = "422", description = "The confirmed fingerprint is not this key's")
    public PeerKeyJson verify(@PathParam("fingerprint") String fingerprint, JsonObject body) {
        Fingerprint fp = fingerprint(fingerprint);
        if (body == null) {
            throw new InvalidInputException("send {\"fingerprint\": \"…\", \"verifiedBy\": \"…\"}");
        }
        Fingerprint confirmed = fingerprint(requiredText(body, "fingerprint", 100));
        String verifiedBy = requiredText(body, "verifiedBy", 200);
        return PeerKeyJson.of(directory.verify(fp, confirmed, verifiedBy));
    }

    private static String requiredText(JsonObject body, String name, int max) {
        JsonValue value = body.get(name);
        if (!(value instanceof JsonString text) || text.getString().isBlank()) {
            throw new InvalidInputException("\"" + name + "\" is required");
        }
        String s = text.getString().strip();
        if (s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("\"" + name + "\" must be at most " + max + " printable characters");
        }
        return s;
    }

    private static Fingerprint fingerprint(String text) {
        try {
            return Fingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "a fingerprint is 40 hexadecimal digits (spaces allowed), e.g. as GET /api/v1/identity shows it");
        }
    }
}
