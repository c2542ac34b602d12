package org.amicus.web.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.amicus.web.access.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This node's organisation identity: what peers need to know and to verify. */
@ApplicationScoped
@RolesAllowed(Roles.ANY)
@Path("identity")
@Tag(name = "Identity", description = "This node's organisation key (public parts only)")
public class IdentityResource {

    static final String PGP_KEYS = "application/pgp-keys";

    @Inject
    OrganisationIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "This organisation's fingerprint, encryption subkeys and public certificate",
            description = "Read the grouped fingerprint aloud to a peer organisation over a channel you trust; "
                    + "they verify it in their key directory.")
    public IdentityJson identity() {
        return IdentityJson.of(identity.current());
    }

    @GET
    @Path("certificate")
    @Produces({PGP_KEYS, MediaType.TEXT_PLAIN})
    @Operation(summary = "The armored public certificate, for peers and for gpg --import")
    public String certificate() {
        return identity.current().certificate();
    }
}
