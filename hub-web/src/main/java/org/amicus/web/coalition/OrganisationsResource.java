package org.amicus.web.coalition;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.OrganisationView;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation directory: this organisation and those of its peers, with their signed types. */
@ApplicationScoped
@Path("organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations", description = "The organisations this node knows: name, type, node, key")
@RolesAllowed(Roles.ANY)
public class OrganisationsResource {

    @Inject
    Organisations organisations;

    @GET
    @Operation(summary = "This organisation first, then its peers' organisations by name")
    public List<OrganisationJson> list() {
        return organisations.list().stream().map(OrganisationJson::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One organisation")
    @APIResponse(responseCode = "404", description = "No such organisation is known here")
    public OrganisationJson find(@PathParam("id") String id) {
        return OrganisationJson.of(organisations.find(orgId(id)));
    }

    static OrgId orgId(String text) {
        try {
            return OrgId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** An organisation as the API shows it. */
    public record OrganisationJson(
            String id,
            String name,
            String type,
            String typeLabel,
            String node,
            String fingerprint,
            boolean own,
            String peerState,
            String via,
            boolean reachable) {

        static OrganisationJson of(OrganisationView o) {
            return new OrganisationJson(
                    o.id().toString(),
                    o.name(),
                    o.type().wireName(),
                    o.type().label(),
                    o.node().toString(),
                    o.fingerprint().hex(),
                    o.own(),
                    o.peerState(),
                    o.via() == null ? null : o.via().toString(),
                    o.reachable());
        }
    }
}
