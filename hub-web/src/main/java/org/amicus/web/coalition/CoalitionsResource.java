package org.amicus.web.coalition;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amicus.core.coalition.boundary.CoalitionView;
import org.amicus.core.coalition.boundary.Coalitions;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.coalition.entity.RosterEventKind;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Coalitions this organisation takes part in, and changes to their rosters. Every change is an event signed with
 * this organisation's key and sent to every member node, which checks it again (docs/routing.md).
 */
@ApplicationScoped
@Path("coalitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Coalitions", description = "Found coalitions, invite, accept, leave, suspend and remove members")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
public class CoalitionsResource {

    /** The {@code action} words of {@code POST /coalitions/{id}/events} and the events they make. */
    static final Map<String, RosterEventKind> ACTIONS = Map.of(
            "invite", RosterEventKind.INVITED,
            "approve", RosterEventKind.APPROVED,
            "accept", RosterEventKind.ACCEPTED,
            "leave", RosterEventKind.LEFT,
            "suspend", RosterEventKind.SUSPENDED,
            "reinstate", RosterEventKind.REINSTATED,
            "remove", RosterEventKind.REMOVED,
            "grant-administrator", RosterEventKind.ADMIN_GRANTED,
            "revoke-administrator", RosterEventKind.ADMIN_REVOKED);

    @Inject
    Coalitions coalitions;

    @RolesAllowed(Roles.ANY)
    @GET
    @Operation(summary = "The coalitions this organisation is named in (invited, member, suspended, left, removed)")
    public List<CoalitionJson> list() {
        return coalitions.list().stream().map(CoalitionJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Found a coalition: this organisation is its first member and administrator",
            description = "Body: {\"purpose\": \"…\" (1 to 500 characters), \"historyForNewMembers\": false (whether a"
                    + " new member sees what was sent before it joined), \"approvalsRequired\": 1 (administrators"
                    + " who must approve an invitation before it can be accepted)}.")
    @APIResponse(responseCode = "201", description = "Founded")
    @APIResponse(responseCode = "422", description = "A value is invalid; nothing founded")
    public Response found(JsonObject body, @Context UriInfo uri) {
        if (body == null) {
            throw new InvalidInputException("a JSON object with \"purpose\" is required");
        }
        String purpose = body.get("purpose") instanceof JsonString s ? s.getString() : null;
        if (purpose == null) {
            throw new InvalidInputException("\"purpose\" is required: 1 to 500 characters");
        }
        JsonValue history = body.get("historyForNewMembers");
        if (history != null && history != JsonValue.TRUE && history != JsonValue.FALSE) {
            throw new InvalidInputException("\"historyForNewMembers\" is true or false");
        }
        int approvals;
        try {
            approvals = body.getInt("approvalsRequired", 1);
        } catch (ClassCastException e) {
            throw new InvalidInputException("\"approvalsRequired\" is a whole number");
        }
        CoalitionView founded = coalitions.found(purpose, history == JsonValue.TRUE, approvals);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(founded.id().toString())
                        .build())
                .entity(CoalitionJson.of(founded))
                .build();
    }

    @RolesAllowed(Roles.ANY)
    @GET
    @Path("{id}")
    @Operation(summary = "One coalition: purpose, settings, this organisation's standing, the roster's organisations")
    @APIResponse(responseCode = "404", description = "This organisation is named in no such coalition")
    public CoalitionJson find(@PathParam("id") String id) {
        return CoalitionJson.of(coalitions.find(coalitionId(id)));
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("{id}/roster")
    @Operation(
            summary = "The roster's signed events, in order: each canonical line and its detached OpenPGP signature",
            description =
                    "What every member node verifies; compare the last hash between nodes to see that they" + " agree.")
    @APIResponse(responseCode = "404", description = "This organisation is named in no such coalition")
    public List<RosterEventJson> roster(@PathParam("id") String id) {
        CoalitionId coalition = coalitionId(id);
        coalitions.find(coalition); // 404 if unknown
        return coalitions.events(coalition).stream()
                .map(e -> new RosterEventJson(
                        e.seq(),
                        e.kind().name(),
                        e.actor().toString(),
                        e.subject().toString(),
                        e.at().toString(),
                        e.line(),
                        Base64.getEncoder().encodeToString(e.signature())))
                .toList();
    }

    @POST
    @Path("{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change the roster as this organisation: a signed event sent to every member node",
            description = "Body: {\"action\": \"invite|approve|accept|leave|suspend|reinstate|remove|"
                    + "grant-administrator|revoke-administrator\", \"organisation\": \"organisation id\" (not for accept"
                    + " and leave, which this organisation does for itself)}. Only an administrator organisation"
                    + " of the coalition invites, approves, suspends, reinstates, removes and grants or revokes"
                    + " the role.")
    @APIResponse(responseCode = "200", description = "Applied, stored and sent; the coalition as it now stands")
    @APIResponse(responseCode = "403", description = "Not this organisation's to make (roster-unauthorised)")
    @APIResponse(responseCode = "404", description = "No such coalition")
    @APIResponse(responseCode = "409", description = "Not possible in the roster's state; nothing changed")
    @APIResponse(responseCode = "422", description = "An unknown action or organisation; nothing changed")
    public CoalitionJson change(@PathParam("id") String id, JsonObject body) {
        CoalitionId coalition = coalitionId(id);
        if (body == null || !(body.get("action") instanceof JsonString a)) {
            throw new InvalidInputException("\"action\" is required: one of " + String.join(", ", ACTIONS.keySet()));
        }
        RosterEventKind kind = ACTIONS.get(a.getString());
        if (kind == null) {
            throw new InvalidInputException("unknown action '" + a.getString() + "'; the actions are "
                    + String.join(", ", new java.util.TreeSet<>(ACTIONS.keySet())));
        }
        Optional<OrgId> organisation = Optional.empty();
        JsonValue org = body.get("organisation");
        if (org != null && org != JsonValue.NULL) {
            if (!(org instanceof JsonString s)) {
                throw new InvalidInputException("\"organisation\" is an organisation id");
            }
            organisation = Optional.of(OrganisationsResource.orgId(s.getString()));
        }
        return CoalitionJson.of(coalitions.change(coalition, kind, organisation));
    }

    static CoalitionId coalitionId(String text) {
        try {
            return CoalitionId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A coalition as the API shows it. */
    public record CoalitionJson(
            String id,
            String purpose,
            boolean historyForNewMembers,
            int approvalsRequired,
            String ownStanding,
            boolean ownAdministrator,
            long events,
            String head,
            String updatedAt,
            List<MemberJson> organisations) {

        /** An organisation of the roster. */
        public record MemberJson(String id, String name, String type, String standing, boolean administrator) {}

        static CoalitionJson of(CoalitionView c) {
            return new CoalitionJson(
                    c.id().toString(),
                    c.purpose(),
                    c.historyForNewMembers(),
                    c.approvalsRequired(),
                    c.ownStanding() == null ? null : c.ownStanding().name(),
                    c.ownAdministrator(),
                    c.events(),
                    c.head(),
                    c.updatedAt().toString(),
                    c.members().stream()
                            .map(m -> new MemberJson(
                                    m.organisation().toString(),
                                    m.name(),
                                    m.type(),
                                    m.standing().name(),
                                    m.administrator()))
                            .toList());
        }
    }

    /** One signed roster event. */
    public record RosterEventJson(
            long seq, String kind, String actor, String subject, String at, String line, String signature) {}
}
