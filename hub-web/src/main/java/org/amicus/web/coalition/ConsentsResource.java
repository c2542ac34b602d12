package org.amicus.web.coalition;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.node.entity.Uuids;
import org.amicus.core.routing.boundary.ConsentView;
import org.amicus.core.routing.boundary.Consents;
import org.amicus.web.access.Reauthenticated;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Consent requests: those this organisation made (to pass a received message on) and those made of it as a
 * message's originator, which its coordinators grant or refuse (docs/routing.md, "Re-sharing").
 */
@ApplicationScoped
@Path("consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consents", description = "Consent to pass a message on: asked, granted, refused")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
public class ConsentsResource {

    @Inject
    Consents consents;

    @GET
    @Operation(summary = "Consent requests made by and of this organisation, newest first")
    public List<ConsentJson> list() {
        return consents.list().stream().map(ConsentJson::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One consent request")
    @APIResponse(responseCode = "404", description = "No such consent request here")
    public ConsentJson find(@PathParam("id") String id) {
        return ConsentJson.of(consents.find(uuid(id)));
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Reauthenticated
    @Operation(
            summary = "Answer a request made of this organisation as the message's originator",
            description =
                    "Body: {\"decision\": \"grant|refuse\", \"validUntil\": \"UTC time\" (grant only; default in 30"
                            + " days, at most 366)}. The signed answer goes to the asking organisation's node.")
    @APIResponse(responseCode = "200", description = "Answered and sent")
    @APIResponse(responseCode = "404", description = "No such consent request here")
    @APIResponse(responseCode = "409", description = "Answered already, or asked by this organisation")
    public ConsentJson answer(@PathParam("id") String id, JsonObject body) {
        UUID request = uuid(id);
        if (body == null
                || !(body.get("decision") instanceof JsonString d)
                || !(d.getString().equals("grant") || d.getString().equals("refuse"))) {
            throw new InvalidInputException("\"decision\" is grant or refuse");
        }
        Optional<Instant> until = Optional.empty();
        if (body.get("validUntil") instanceof JsonString s) {
            try {
                until = Optional.of(Instant.parse(s.getString()));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("\"validUntil\" is a UTC time such as 2027-01-31T00:00:00Z");
            }
        } else if (body.containsKey("validUntil")) {
            throw new InvalidInputException("\"validUntil\" is a UTC time such as 2027-01-31T00:00:00Z");
        }
        return ConsentJson.of(consents.answer(request, d.getString().equals("grant"), until));
    }

    private static UUID uuid(String text) {
        try {
            return Uuids.parseCanonical(text, "a consent request id");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A consent request as the API shows it ({@code side}: ASKED by this organisation, or ASKED_OF it). */
    public record ConsentJson(
            String id,
            String side,
            String message,
            String originator,
            String holder,
            List<String> organisations,
            String state,
            String requestedAt,
            String answeredAt,
            String validUntil) {

        public static ConsentJson of(ConsentView c) {
            return new ConsentJson(
                    c.id().toString(),
                    c.side().name(),
                    c.message().toString(),
                    c.originator().toString(),
                    c.holder().toString(),
                    List.copyOf(new TreeSet<>(
                            c.organisations().stream().map(OrgId::toString).toList())),
                    c.state().name(),
                    c.requestedAt().toString(),
                    c.answeredAt() == null ? null : c.answeredAt().toString(),
                    c.validUntil() == null ? null : c.validUntil().toString());
        }
    }
}
