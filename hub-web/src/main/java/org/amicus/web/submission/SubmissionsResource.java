package org.amicus.web.submission;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.submission.boundary.CustodyReport;
import org.amicus.core.submission.boundary.EvidenceFiles;
import org.amicus.core.submission.boundary.Submissions;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.CustodyStatement;
import org.amicus.core.submission.entity.FeedbackKind;
import org.amicus.core.submission.entity.Source;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.UploadId;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Submissions (docs/submissions.md): draft one to a recipient or in reply to a request, add items that each hold a
 * complete upload with its custody statement and sources, send it, and follow it to its signed receipt; read the
 * custody chain of its files.
 */
@ApplicationScoped
@Path("submissions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Submissions", description = "Documentation submitted with its chain of custody and a signed receipt")
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.ANALYST})
public class SubmissionsResource {

    @Inject
    Submissions submissions;

    @Inject
    EvidenceFiles files;

    @GET
    @Operation(summary = "The submissions this organisation sent and received, newest first")
    public List<SubmissionJson> list() {
        return submissions.list().stream().map(SubmissionJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(
            summary = "Draft a submission",
            description = "Body: {\"title\", \"description\", and either \"request\" (the id of a cooperation request"
                    + " this organisation accepted: the submission goes to its requester) or \"recipient\" (an"
                    + " organisation id, on this organisation's own initiative), and \"coalition\" for a joint"
                    + " submission: the draft is shared with the coalition's other members, who add their items to"
                    + " it from their own nodes}. Nothing leaves the node until it is sent.")
    @APIResponse(responseCode = "201", description = "Drafted")
    @APIResponse(
            responseCode = "409",
            description = "The request does not take a reply now: not accepted, withdrawn, closed"
                    + " (illegal-transition) or past its deadline (deadline-passed)")
    @APIResponse(responseCode = "422", description = "Title missing, no recipient, recipient unreachable")
    public Response draft(JsonObject body) {
        JsonObject b = required(body);
        Optional<RequestId> request = text(b, "request").map(t -> parse(() -> RequestId.parse(t)));
        Optional<OrgId> recipient = text(b, "recipient").map(t -> parse(() -> OrgId.parse(t)));
        Optional<CoalitionId> coalition = text(b, "coalition").map(t -> parse(() -> CoalitionId.parse(t)));
        var v = submissions.draft(textOf(b), request, recipient, coalition);
        return Response.status(Response.Status.CREATED)
                .entity(SubmissionJson.of(v))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A submission: its items, their files' state, and its signed receipt once it came")
    @APIResponse(responseCode = "404", description = "No such submission (submission-not-found)")
    public SubmissionJson get(@PathParam("id") String id) {
        return SubmissionJson.of(submissions.get(id(id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(summary = "Change a draft's title and description")
    @APIResponse(responseCode = "409", description = "Not a draft of this organisation (submission-state)")
    public SubmissionJson redraft(@PathParam("id") String id, JsonObject body) {
        return SubmissionJson.of(submissions.redraft(id(id), textOf(required(body))));
    }

    @POST
    @Path("{id}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(
            summary = "Add an item holding a complete upload",
            description = "Body: {\"upload\": id of a complete upload, \"title\", \"description\", \"custody\":"
                    + " {\"collectedBy\", \"collectedAt\", \"collectedWhere\", \"notes\"} as you state them,"
                    + " \"sources\": [{\"ref\": a pseudonymous reference such as W-0042 (never a name), \"role\","
                    + " \"consent\": uses among lead, evidence, identity-disclosure, re-contact, sharing,"
                    + " \"earlierStatements\": statements given to other bodies, where known}]}. The file's"
                    + " original name and media type are the upload's.")
    @APIResponse(responseCode = "200", description = "Added: the item is f1, f2, … in order")
    @APIResponse(responseCode = "409", description = "Not a draft, or the upload is not complete")
    @APIResponse(responseCode = "422", description = "Custody statement incomplete, a source named by name, …")
    public SubmissionJson addItem(@PathParam("id") String id, JsonObject body) {
        JsonObject b = required(body);
        UploadId upload = text(b, "upload")
                .map(t -> parse(() -> UploadId.parse(t)))
                .orElseThrow(() -> new InvalidInputException("\"upload\" is the id of a complete upload"));
        if (!(b.get("custody") instanceof JsonObject c)) {
            throw new InvalidInputException("\"custody\" states who collected the file, when and where");
        }
        List<Source> sources = new ArrayList<>();
        if (b.containsKey("sources") && b.get("sources") != JsonValue.NULL) {
            if (b.get("sources").getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidInputException("\"sources\" is a list");
            }
            for (JsonValue v : b.getJsonArray("sources")) {
                if (!(v instanceof JsonObject o)) {
                    throw new InvalidInputException("each source is an object {\"ref\", \"role\", \"consent\"}");
                }
                sources.add(parse(() -> SubmissionMessages.source(o)));
            }
        }
        SubmissionMessages.ItemDetails details = parse(() -> new SubmissionMessages.ItemDetails(
                text(b, "title").orElse(null),
                text(b, "description").orElse(""),
                "-",
                "-",
                new CustodyStatement(
                        text(c, "collectedBy").orElse(null),
                        text(c, "collectedAt").orElse(null),
                        text(c, "collectedWhere").orElse(null),
                        text(c, "notes").orElse("")),
                sources));
        boolean attributed = true;
        if (b.containsKey("attributed") && b.get("attributed") != JsonValue.NULL) {
            if (b.get("attributed") != JsonValue.TRUE && b.get("attributed") != JsonValue.FALSE) {
                throw new InvalidInputException("\"attributed\" is true or false");
            }
            attributed = b.getBoolean("attributed");
        }
        return SubmissionJson.of(submissions.addItem(id(id), upload, details, attributed));
    }

    @DELETE
    @Path("{id}/items/{file}")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(summary = "Remove an item from a draft (its upload stays)")
    public SubmissionJson removeItem(@PathParam("id") String id, @PathParam("file") String file) {
        return SubmissionJson.of(submissions.removeItem(id(id), file));
    }

    @POST
    @Path("{id}/send")
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(
            summary = "Send a draft",
            description = "Signs each file's custody records, sends the submission to its recipient's node and then"
                    + " its files beside it as encrypted streams. State: sending, sent (every file queued), then"
                    + " received when the recipient's signed receipt names every file as verified.")
    @APIResponse(responseCode = "200", description = "Sending")
    @APIResponse(
            responseCode = "409",
            description = "Not a draft, the request no longer takes a reply, or the recipient is not a direct peer")
    @APIResponse(responseCode = "422", description = "No items")
    public SubmissionJson send(@PathParam("id") String id) {
        return SubmissionJson.of(submissions.send(id(id)));
    }

    @GET
    @Path("{id}/custody")
    @Operation(
            summary = "The chain of custody of every file, for a court",
            description = "Per file: its SHA-256 and size and each signed record in order: the exact text signed,"
                    + " the detached OpenPGP signature (base64), the signer's key fingerprint and whether this node"
                    + " checked it (verified, unknown-key, bad-signature, broken-chain), and the certificates of the"
                    + " signers. Anyone with those certificates can check each record with GnuPG"
                    + " (docs/submissions.md).")
    @Produces(MediaType.APPLICATION_JSON + ";qs=1")
    public CustodyReport custody(@PathParam("id") String id) {
        return submissions.custody(id(id));
    }

    @GET
    @Path("{id}/custody")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8;qs=0.5")
    @Operation(summary = "The chain of custody as a document to read and print (Accept: text/plain)")
    public String custodyText(@PathParam("id") String id) {
        return CustodyReportText.of(submissions.custody(id(id)));
    }

    @POST
    @Path("{id}/verify")
    @Operation(
            summary = "Read every file kept for the submission again and compare it with its SHA-256",
            description = "Per file: intact, or what was found (an alteration of the encrypted file on disk is"
                    + " reported, never repaired).")
    public Verification verify(@PathParam("id") String id) {
        List<Submissions.FileCheck> files = submissions.verify(id(id));
        return new Verification(id, files.stream().allMatch(Submissions.FileCheck::intact), files);
    }

    @GET
    @Path("{id}/items/{file}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(
            summary = "A file of the submission: the original as taken in, or a working copy without metadata",
            description = "copy=original (the default): the exact bytes taken in, whose SHA-256 the submission and its"
                    + " custody records name. copy=working: for JPEG and PNG images, a copy without the metadata that"
                    + " can identify where, when and with what it was taken (EXIF with GPS, XMP, IPTC, comments,"
                    + " thumbnails, text chunks, anything after the image); the original is never altered."
                    + " Repr-Digest carries the SHA-256 of what is sent, X-Amicus-Metadata-Removed what the working"
                    + " copy left out. Opened by a signed-in person only, and audited under that person.")
    @APIResponse(responseCode = "403", description = "The operator token is no person (content-withheld)")
    @APIResponse(responseCode = "404", description = "No such submission or file (submission-not-found)")
    @APIResponse(responseCode = "409", description = "This node holds no verified copy of the file (submission-state)")
    @APIResponse(
            responseCode = "422",
            description = "No working copy can be made of it: not a JPEG or PNG image, or not a well-formed one"
                    + " (working-copy-unavailable)")
    public Response content(
            @PathParam("id") String id, @PathParam("file") String file, @jakarta.ws.rs.QueryParam("copy") String copy) {
        EvidenceFiles.Copy which = switch (copy == null ? "original" : copy) {
            case "original" -> EvidenceFiles.Copy.ORIGINAL;
            case "working" -> EvidenceFiles.Copy.WORKING;
            default -> throw new InvalidInputException("copy is original or working");
        };
        EvidenceFiles.Download d = files.open(id(id), file, which);
        jakarta.ws.rs.core.StreamingOutput body = d.body()::writeTo;
        Response.ResponseBuilder r = Response.ok(body, d.mediaType())
                .header("Content-Length", d.length())
                .header("Content-Disposition", org.amicus.web.Downloads.attachment(d.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Repr-Digest",
                        "sha-256=:"
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(d.sha256()))
                                + ":")
                .header("Cache-Control", "no-store");
        if (which == EvidenceFiles.Copy.WORKING) {
            r.header("X-Amicus-Metadata-Removed", d.removed().isEmpty() ? "none" : String.join(", ", d.removed()));
        }
        return r.build();
    }

    /** Whether every file kept for the submission is intact, and each file's check. */
    public record Verification(String submission, boolean intact, List<Submissions.FileCheck> files) {}

    @POST
    @Path("{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(
            summary = "Give feedback or write under a submission",
            description = "Body: {\"kind\": received, assessed, relevance, gaps, used-as-lead (the recipient's"
                    + " structured feedback) or message (either side), \"text\", \"relevance\": high, medium, low"
                    + " or none (with kind relevance), \"gaps\": what is missing against the evidence standard you"
                    + " apply (with kind gaps)}. It is sent to the other side.")
    @APIResponse(responseCode = "409", description = "Not sent, not received yet, or a draft (submission-state)")
    @APIResponse(
            responseCode = "422",
            description = "Structured feedback from the submitter, relevance or gaps missing (invalid-submission)")
    public SubmissionJson feedback(@PathParam("id") String id, JsonObject body) {
        JsonObject b = required(body);
        FeedbackKind kind = text(b, "kind")
                .map(t -> parse(() -> FeedbackKind.parse(t)))
                .orElseThrow(() -> new InvalidInputException("\"kind\" is required"));
        List<String> gaps = strings(b, "gaps");
        return SubmissionJson.of(
                submissions.feedback(id(id), kind, text(b, "text").orElse(""), text(b, "relevance"), gaps));
    }

    @POST
    @Path("{id}/consent-withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(
            summary = "Record that a source withdrew consent",
            description = "Body: {\"file\": the item (f1, …), \"source\": its pseudonymous reference, \"uses\":"
                    + " the uses withdrawn (lead, evidence, identity-disclosure, re-contact, sharing)}. The"
                    + " withdrawal is recorded here and sent to the recipient, which records it too; from then on the"
                    + " item is not passed on for those uses.")
    @APIResponse(responseCode = "409", description = "A draft, or a submission this organisation received")
    @APIResponse(responseCode = "422", description = "No such item or source, no uses named")
    public SubmissionJson withdrawConsent(@PathParam("id") String id, JsonObject body) {
        JsonObject b = required(body);
        java.util.Set<ConsentUse> uses = java.util.EnumSet.noneOf(ConsentUse.class);
        for (String u : strings(b, "uses")) {
            uses.add(parse(() -> ConsentUse.parse(u)));
        }
        return SubmissionJson.of(submissions.withdrawConsent(
                id(id),
                text(b, "file").orElseThrow(() -> new InvalidInputException("\"file\" names the item: f1, …")),
                text(b, "source").orElseThrow(() -> new InvalidInputException("\"source\" is the reference")),
                uses));
    }

    @POST
    @Path("{id}/share")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR})
    @Operation(
            summary = "Pass a received submission on to another organisation",
            description = "Body: {\"recipient\": an organisation id}. Sent as a new submission with the same items,"
                    + " each file's custody chain continued; refused unless every source of every item consented to"
                    + " sharing and did not withdraw it.")
    @APIResponse(
            responseCode = "409",
            description =
                    "Refused by the sources' consent (reshare-refused), or not" + " received whole (submission-state)")
    public SubmissionJson share(@PathParam("id") String id, JsonObject body) {
        JsonObject b = required(body);
        OrgId to = text(b, "recipient")
                .map(t -> parse(() -> OrgId.parse(t)))
                .orElseThrow(() -> new InvalidInputException("\"recipient\" is an organisation id"));
        return SubmissionJson.of(submissions.share(id(id), to));
    }

    private static List<String> strings(JsonObject b, String key) {
        JsonValue v = b.get(key);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidInputException("\"" + key + "\" is a list of texts");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue x : v.asJsonArray()) {
            if (!(x instanceof JsonString s)) {
                throw new InvalidInputException("\"" + key + "\" is a list of texts");
            }
            out.add(s.getString());
        }
        return out;
    }

    private static SubmissionMessages.Text textOf(JsonObject b) {
        return parse(() -> new SubmissionMessages.Text(
                text(b, "title").orElse(null), text(b, "description").orElse("")));
    }

    private static JsonObject required(JsonObject body) {
        if (body == null) {
            throw new InvalidInputException("a JSON body is required");
        }
        return body;
    }

    private static Optional<String> text(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidInputException("\"" + key + "\" is text");
        }
        return Optional.of(s.getString());
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new org.amicus.core.submission.boundary.InvalidSubmissionException(
                    e.getMessage() == null ? "an item or submission is incomplete" : e.getMessage());
        }
    }

    private static SubmissionId id(String text) {
        try {
            return SubmissionId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
