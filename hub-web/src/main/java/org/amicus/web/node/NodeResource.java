package org.amicus.web.node;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.PingId;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.amicus.web.problem.NotFoundProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The node itself. */
@ApplicationScoped
@RolesAllowed(Roles.ANY)
@Path("node")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Node", description = "What this node is, and a ping through every layer")
public class NodeResource {

    @Inject
    NodeService node;

    @GET
    @Operation(summary = "Describe this node: id, name, version and broker status")
    public NodeJson describe() {
        return NodeJson.of(node.describe());
    }

    @RolesAllowed(Roles.ADMINISTRATOR)
    @POST
    @Path("ping")
    @Operation(
            summary = "Send a ping through the node's own inbox",
            description = "Records a ping and posts it to the node's inbox queue in one transaction; the inbox "
                    + "listener marks it delivered in its own. Poll the returned location to see it delivered.")
    @APIResponse(responseCode = "201", description = "Ping recorded and posted")
    @APIResponse(responseCode = "503", description = "The broker did not accept the message; nothing recorded")
    public Response ping(@jakarta.ws.rs.core.Context UriInfo uri) {
        PingJson ping = PingJson.of(node.ping());
        return Response.created(uri.getAbsolutePathBuilder()
                        .path("..")
                        .path("pings")
                        .path(ping.id())
                        .build()
                        .normalize())
                .entity(ping)
                .build();
    }

    @RolesAllowed(Roles.ADMINISTRATOR)
    @GET
    @Path("pings/{id}")
    @Operation(summary = "One ping and whether it was delivered")
    @APIResponse(responseCode = "404", description = "No such ping")
    public PingJson ping(@PathParam("id") String id) {
        PingId pingId;
        try {
            pingId = PingId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return node.findPing(pingId)
                .map(PingJson::of)
                .orElseThrow(
                        () -> new NotFoundProblemException("ping", "There is no ping " + pingId + " on this node."));
    }
}
