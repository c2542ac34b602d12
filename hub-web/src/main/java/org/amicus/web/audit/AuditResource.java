package org.amicus.web.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.amicus.core.audit.boundary.AuditJobs;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.audit.control.AuditVerification;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit log (docs/audit.md): read, verify, sign now, export. For administrators (once people sign in,
 * issue 5; until then the node's API is the operator's, on the address the operator bound it to).
 */
@ApplicationScoped
@RolesAllowed(Roles.ADMINISTRATOR)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "The tamper-evident audit log: who did what, when, under which marking; no content")
public class AuditResource {

    static final String NDJSON = "application/x-ndjson";

    @Inject
    AuditLog log;

    @Inject
    AuditJobs jobs;

    @GET
    @Operation(summary = "Audit entries linked into the chain, oldest first, after entry `after` (default 0)")
    @APIResponse(responseCode = "400", description = "`after` or `limit` is not a number in range")
    public List<EntryJson> entries(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long from = number(after, "after", 0, Long.MAX_VALUE, 0);
        int max = (int) number(limit, "limit", 1, 1_000, 100);
        return log.entries(from, max).stream().map(EntryJson::of).toList();
    }

    @GET
    @Path("verify")
    @Operation(
            summary = "Checks the whole log: every entry present, in order, unaltered, and each checkpoint signed by"
                    + " this organisation",
            description = "Answers 200 either way: `intact` says whether it is; `problems` name each entry found"
                    + " altered, removed or inserted.")
    public AuditVerification verify() {
        return log.verify();
    }

    @POST
    @Path("checkpoint")
    @Operation(summary = "Links what was written into the chain and signs its head now")
    @APIResponse(responseCode = "201", description = "Signed up to the entry named")
    @APIResponse(responseCode = "204", description = "Nothing new since the last checkpoint")
    public Response checkpoint() {
        return jobs.sealNow()
                .map(c -> Response.status(Response.Status.CREATED)
                        .entity(new CheckpointJson(c.seq(), c.hash(), c.at().toString()))
                        .build())
                .orElseGet(() -> Response.noContent().build());
    }

    @GET
    @Path("export")
    @Produces(NDJSON)
    @Operation(
            summary = "The whole log as lines to check without Amicus, signed up to now",
            description = "Each entry's canonical line (SHA-256 of a line = the next line's `prev`), then each"
                    + " checkpoint's signed line followed by {\"signature\": armored OpenPGP signature}.")
    public Response export() {
        jobs.sealNow();
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            log.export(w);
            w.flush();
        };
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"amicus-audit.ndjson\"")
                .build();
    }

    private static long number(String text, String name, long min, long max, long absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    "\"" + name + "\" is a whole number from " + min + (max == Long.MAX_VALUE ? " on" : " to " + max));
        }
    }

    /** An audit entry as the API shows it. */
    public record EntryJson(
            long seq,
            String at,
            String actor,
            String action,
            String subject,
            String marking,
            String outcome,
            String detail,
            String hash) {
        static EntryJson of(AuditLog.EntryView e) {
            var r = e.record();
            return new EntryJson(
                    e.seq(),
                    r.at().toString(),
                    r.actor(),
                    r.action(),
                    r.subject(),
                    r.marking(),
                    r.outcome(),
                    r.detail(),
                    e.hash());
        }
    }

    /** A checkpoint just signed. */
    public record CheckpointJson(long seq, String hash, String at) {}
}
