package org.amicus.web.alert;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.amicus.core.alert.boundary.AlertView;
import org.amicus.core.alert.boundary.Alerts;
import org.amicus.core.alert.control.StixBundles;
import org.amicus.core.alert.entity.AlertId;
import org.amicus.core.alert.entity.AlertTemplate;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Security alerts (docs/alerts.md): security officers issue, update and withdraw them and follow who has
 * acknowledged; recipient organisations' security officers acknowledge them; everyone at a node reads them.
 */
@Path("alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security alerts", description = "Threat alerts with acknowledgement and escalation")
@RolesAllowed({
    Roles.ADMINISTRATOR,
    Roles.COORDINATOR,
    Roles.SECURITY_OFFICER,
    Roles.ANALYST,
    Roles.BULLETIN_EDITOR,
    Roles.VIEWER
})
@ApplicationScoped
public class AlertsResource {

    @Inject
    Alerts alerts;

    @Inject
    Clock clock;

    @GET
    @Operation(
            summary = "The alerts this organisation issued and received",
            description = "Those awaiting this organisation's acknowledgement first, then active before withdrawn and"
                    + " expired, most severe first. An issued alert carries the dashboard: each recipient"
                    + " organisation, whether it acknowledged, and its escalations.")
    public List<AlertJson> list() {
        return alerts.list().stream().map(AlertJson::of).toList();
    }

    @GET
    @Path("templates")
    @Operation(summary = "Templates for common threats, with the values they fill in")
    public List<TemplateJson> templates() {
        return Arrays.stream(AlertTemplate.values()).map(TemplateJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Issue an alert to organisations, coalitions or the whole federation",
            description = AlertInput.FORMAT + " It is sent at once with the highest priority, ahead of routine"
                    + " traffic, and expires when its validity ends.")
    @APIResponse(responseCode = "201", description = "Issued and queued for every organisation it reaches")
    @APIResponse(
            responseCode = "422",
            description = "No severity, no audience, an escalation time in the past or after the validity, an"
                    + " unknown template or indicator type, a marking that reaches no one")
    public Response issue(JsonObject body) {
        AlertView v = alerts.issue(AlertInput.terms(body, clock.instant()), AlertInput.marking(body));
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/alerts/" + v.id())
                .entity(AlertJson.of(v))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert; on the issuer's node with every recipient's acknowledgement")
    @APIResponse(responseCode = "404", description = "No such alert here")
    public AlertJson get(@PathParam("id") String id) {
        return AlertJson.of(alerts.get(id(id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Update an alert this organisation issued",
            description = "The same body as for issuing, without \"marking\": the audience stays."
                    + " The new revision goes to every organisation that got the original; an acknowledgement of"
                    + " the earlier revision is kept and shown as such.")
    @APIResponse(responseCode = "409", description = "Withdrawn or expired, or received rather than issued here")
    @APIResponse(responseCode = "422", description = "As for issuing, or a new marking")
    public AlertJson update(@PathParam("id") String id, JsonObject body) {
        if (body != null && body.containsKey("marking")) {
            throw new org.amicus.core.alert.entity.InvalidAlertException("an update keeps the alert's audience and"
                    + " marking, so that it reaches everyone who got the original; issue a new alert for another"
                    + " audience");
        }
        return AlertJson.of(alerts.update(id(id), AlertInput.terms(body, clock.instant())));
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Withdraw an alert this organisation issued",
            description = "Body: {\"reason\"}. Every organisation that got it sees it withdrawn, with the reason;"
                    + " escalation stops.")
    @APIResponse(responseCode = "409", description = "Already withdrawn or expired, or not issued here")
    @APIResponse(responseCode = "422", description = "No reason")
    public AlertJson withdraw(@PathParam("id") String id, JsonObject body) {
        return AlertJson.of(alerts.withdraw(id(id), AlertInput.reason(body)));
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Acknowledge an alert this organisation received",
            description = "Acknowledges the alert as it now stands (its current revision) for the whole"
                    + " organisation; the issuer sees it at once. No body.")
    @APIResponse(responseCode = "409", description = "Withdrawn or expired, or issued by this organisation")
    public AlertJson acknowledge(@PathParam("id") String id) {
        return AlertJson.of(alerts.acknowledge(id(id)));
    }

    @GET
    @Path("{id}/stix")
    @Produces({StixBundles.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "The alert as a STIX 2.1 bundle, for MISP and TAXII-based tools",
            description = "A report (title, description, severity and category as labels; revoked if withdrawn), a"
                    + " note (what to do), one indicator per indicator, the issuer's identity and the TLP 2.0"
                    + " marking definition of the alert's level. Ids stay the same across revisions.")
    @APIResponse(responseCode = "404", description = "No such alert here")
    public jakarta.json.JsonObject stix(@PathParam("id") String id) {
        return alerts.stix(id(id));
    }

    @POST
    @Path("stix")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SECURITY_OFFICER)
    @Operation(
            summary = "Issue an alert from a STIX 2.1 bundle (from MISP or a TAXII feed)",
            description = "Body: {\"bundle\": <STIX 2.1 bundle>, \"marking\": {\"distribution\", …} (the audience;"
                    + " its level defaults to the bundle's TLP marking and may not be looser), \"ownIntelligence\": true for a"
                    + " bundle marked AMBER or stricter that is this organisation's own (TLP forbids passing on what"
                    + " others shared so), and any field of an"
                    + " alert to state what the bundle does not (severity, category, action, validUntil, …)}. The"
                    + " bundle's report or grouping gives the title and description, a note what to do, its"
                    + " indicators the indicators.")
    @APIResponse(responseCode = "201", description = "Issued and queued for every organisation it reaches")
    @APIResponse(
            responseCode = "422",
            description = "A malformed bundle, an object under a marking that is not TLP, a pattern that cannot be"
                    + " carried (invalid-stix); a bundle that leaves the severity unknown (invalid-alert)")
    public Response importStix(JsonObject body) {
        if (body == null || !body.containsKey("bundle")) {
            throw new org.amicus.core.alert.entity.InvalidStixException(
                    "the request is {\"bundle\": <STIX 2.1 bundle>, \"marking\": {…}}");
        }
        StixBundles.Read read = StixBundles.read(body.get("bundle"));
        if (read.level().filter(l -> !l.allowsFederationWide()).isPresent()
                && body.get("ownIntelligence") != jakarta.json.JsonValue.TRUE) {
            throw new org.amicus.core.alert.entity.InvalidStixException("the bundle is marked "
                    + read.level().get().label() + ": whoever gave it to you did not allow passing it to other"
                    + " organisations. Only if it is your own organisation's intelligence, say so with"
                    + " \"ownIntelligence\": true");
        }
        var merged = jakarta.json.Json.createObjectBuilder(read.fields());
        body.forEach((k, v) -> {
            if (!k.equals("bundle") && !k.equals("marking") && !k.equals("ownIntelligence")) {
                merged.add(k, v);
            }
        });
        merged.add("marking", AlertInput.markingAtLeast(body, read.level()));
        JsonObject alert = merged.build();
        AlertView v = alerts.issueFromStix(
                AlertInput.terms(alert, clock.instant()),
                AlertInput.marking(alert),
                body.get("ownIntelligence") == jakarta.json.JsonValue.TRUE);
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/alerts/" + v.id())
                .entity(AlertJson.of(v))
                .build();
    }

    static AlertId id(String text) {
        try {
            return AlertId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A template and what it fills in. */
    public record TemplateJson(
            String name,
            String severity,
            String category,
            String title,
            String action,
            String validity,
            String escalateAfter) {
        static TemplateJson of(AlertTemplate t) {
            return new TemplateJson(
                    t.wireName(),
                    t.severity().wireName(),
                    t.category().wireName(),
                    t.title(),
                    t.action(),
                    t.validity().toString(),
                    t.escalateAfter().toString());
        }
    }
}
