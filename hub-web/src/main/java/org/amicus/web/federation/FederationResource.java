package org.amicus.web.federation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.amicus.core.federation.boundary.BundleImportView;
import org.amicus.core.federation.boundary.Bundles;
import org.amicus.core.federation.boundary.DeadLetterQueue;
import org.amicus.core.federation.boundary.Deliveries;
import org.amicus.core.federation.boundary.ImportedBundles;
import org.amicus.core.federation.boundary.PeerView;
import org.amicus.core.federation.boundary.Peering;
import org.amicus.core.federation.control.DeadLetters;
import org.amicus.core.federation.control.PeerCards;
import org.amicus.core.federation.entity.PeerAddress;
import org.amicus.web.access.Reauthenticated;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.InvalidInputException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Peering (docs/protocol/federation.md §3) and the operator's view of the links (§8). */
@ApplicationScoped
@RolesAllowed(Roles.ADMINISTRATOR)
@Path("federation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Federation",
        description = "This node's peering card; peers: add, list, suspend, resume, remove; bundles; refusals;"
                + " dead letters")
public class FederationResource {

    @Inject
    Peering peers;

    @Inject
    PeerCards cards;

    @Inject
    Deliveries deliveries;

    @Inject
    Bundles bundles;

    @Inject
    DeadLetterQueue deadLetters;

    @Inject
    ImportedBundles importedBundles;

    /** The media type of a bundle file. */
    public static final String BUNDLE_TYPE = "application/vnd.amicus.bundle";

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("card")
    @Operation(
            summary = "This node's peering card, to hand to the operator of a peer",
            description = "Node id, organisation, fingerprint (read it aloud to the peer's operator), the address "
                    + "peers connect to, the organisation certificate, the TLS certificate and the organisation's "
                    + "signature binding the TLS key to this node.")
    @APIResponse(responseCode = "503", description = "The organisation key is not unlocked yet")
    public String card() {
        return cards.ownCard();
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("peers")
    @Operation(summary = "Every peer with its link state, waiting envelopes and last delivery")
    public List<PeerJson> list() {
        return peers.list().stream().map(PeerJson::of).toList();
    }

    @Reauthenticated
    @POST
    @Path("peers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a peer from its peering card",
            description = "Body: {\"card\": {…the peer's card…}, \"fingerprint\": \"as the peer's operator read it"
                    + " to you\", \"verifiedBy\": \"who compared it\", \"address\": \"HOST:PORT (optional, overrides"
                    + " the card's)\", \"via\": \"NODE-ID of an active peer that relays for it (optional, instead of an"
                    + " address)\"}. The fingerprint must be the card's. Peering is mutual: envelopes flow once "
                    + "the peer's operator has added this node too.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "Already a peer")
    @APIResponse(responseCode = "422", description = "The card is refused or the fingerprint differs; nothing stored")
    public Response add(JsonObject body, @Context UriInfo uri) {
        if (body == null || !(body.get("card") instanceof JsonObject card)) {
            throw new InvalidInputException("\"card\" is required: the JSON object GET /api/v1/federation/card gives");
        }
        var confirmed = Input.fingerprint(Input.printable(body, "fingerprint", 100));
        String verifiedBy = Input.printable(body, "verifiedBy", 200);
        Optional<PeerAddress> address = Optional.empty();
        if (body.containsKey("address")) {
            try {
                address = Optional.of(PeerAddress.parse(Input.printable(body, "address", 300)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("\"address\": " + e.getMessage());
            }
        }
        Optional<org.amicus.core.node.entity.NodeId> via = Optional.empty();
        if (body.containsKey("via")) {
            if (address.isPresent()) {
                throw new InvalidInputException("give \"address\" or \"via\", not both: a peer reached through a "
                        + "relay has no address of its own");
            }
            via = Optional.of(Input.node(Input.printable(body, "via", 36)));
        }
        PeerView added = peers.add(card.toString(), confirmed, verifiedBy, address, via);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(added.node().toString())
                        .build())
                .entity(PeerJson.of(added))
                .build();
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("peers/{node}")
    @APIResponse(responseCode = "404", description = "Not a peer")
    public PeerJson find(@PathParam("node") String node) {
        return PeerJson.of(peers.find(Input.node(node)));
    }

    @POST
    @Path("peers/{node}/suspend")
    @Operation(summary = "Suspend a peer: its link stops, it is refused, envelopes for it wait")
    @APIResponse(responseCode = "409", description = "Not active")
    public PeerJson suspend(@PathParam("node") String node) {
        return PeerJson.of(peers.suspend(Input.node(node)));
    }

    @POST
    @Path("peers/{node}/resume")
    @Operation(summary = "Resume a suspended peer: waiting envelopes flow")
    @APIResponse(responseCode = "409", description = "Not suspended")
    public PeerJson resume(@PathParam("node") String node) {
        return PeerJson.of(peers.resume(Input.node(node)));
    }

    @POST
    @Path("peers/{node}/relay")
    @Operation(
            summary = "Relay for a peer: forward envelopes between it and this node's other peers, unread",
            description = "For a peer with no public address or a poor link (hub and spoke). This node forwards by "
                    + "header only; it cannot read what it forwards.")
    @APIResponse(responseCode = "409", description = "The peer is itself reached through a relay")
    public PeerJson relay(@PathParam("node") String node) {
        return PeerJson.of(peers.relayFor(Input.node(node), true));
    }

    @DELETE
    @Path("peers/{node}/relay")
    @Operation(summary = "Stop relaying for a peer; envelopes already forwarded are not recalled")
    public PeerJson stopRelaying(@PathParam("node") String node) {
        return PeerJson.of(peers.relayFor(Input.node(node), false));
    }

    @Reauthenticated
    @DELETE
    @Path("peers/{node}")
    @Operation(summary = "Remove a peer: its link ends; envelopes waiting for it are reported undeliverable")
    @APIResponse(responseCode = "409", description = "Already removed")
    public PeerJson remove(@PathParam("node") String node) {
        return PeerJson.of(peers.remove(Input.node(node)));
    }

    @GET
    @Path("peers/{node}/bundle")
    @Produces({BUNDLE_TYPE, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Export the envelopes waiting for a peer as one signed bundle file (offline transfer)",
            description = "For a peer out of network reach: carry the file (e.g. on a USB stick) and import it there "
                    + "with POST /api/v1/federation/bundles. The envelopes stay queued: if the network returns they "
                    + "are delivered too, and the peer keeps each once. The parts of files beside envelopes (evidence "
                    + "of submissions) travel in the bundle too, sealed as they wait. limit: at most this many entries "
                    + "(envelopes and parts; " + Bundles.MAX_EXPORT + " and about 1 GiB in any case); after: start "
                    + "after this entry (an envelope id or a part's name), the last of an earlier bundle. Headers: "
                    + "Amicus-Bundle-Envelopes and Amicus-Bundle-Parts (how many), Amicus-Bundle-Last (the last "
                    + "entry), Amicus-Bundle-More (true if more wait after it: export again with after=that entry, and "
                    + "carry both files).")
    @APIResponse(responseCode = "404", description = "Not a peer")
    @APIResponse(
            responseCode = "409",
            description = "bundle-start-not-waiting: the entry named by after no longer waits for the peer")
    public Response exportBundle(
            @PathParam("node") String node, @QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        var peer = Input.node(node);
        if (limit != null && limit < 1) {
            throw new InvalidInputException("limit is at least 1");
        }
        var waiting = bundles.waitingFor(
                peer,
                limit == null ? Bundles.MAX_EXPORT : limit,
                after == null ? java.util.Optional.empty() : java.util.Optional.of(Input.anchor(after, "after")));
        StreamingOutput body = out -> {
            try (waiting) {
                bundles.write(peer, waiting, out);
            }
        };
        String file = "amicus-bundle-for-" + peer.toString().substring(0, 8) + "-"
                + DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now())
                + ".amcb";
        return Response.ok(body, BUNDLE_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Amicus-Bundle-Envelopes", waiting.envelopes().size())
                .header("Amicus-Bundle-Parts", waiting.parts().size())
                .header(
                        "Amicus-Bundle-Last",
                        waiting.last().map(Object::toString).orElse(null))
                .header("Amicus-Bundle-More", waiting.more())
                .build();
    }

    @POST
    @Path("bundles")
    @Consumes({BUNDLE_TYPE, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(
            summary = "Import a bundle file a peer exported for this node",
            description = "The whole file is verified first (the peer organisation's signature, every envelope's "
                    + "hash, nothing cut or added); then each envelope is received as if it came by network: "
                    + "stored once, receipted to the sender. A bundle is imported once.")
    @APIResponse(responseCode = "200", description = "Imported: how many envelopes were new, already here, refused")
    @APIResponse(responseCode = "409", description = "bundle-replayed: imported before; nothing delivered again")
    @APIResponse(responseCode = "413", description = "bundle-too-large")
    @APIResponse(
            responseCode = "422",
            description = "bundle-malformed, -truncated, -tampered, -for-another-node, -from-unknown-node: "
                    + "nothing was delivered")
    public BundleJson importBundle(InputStream body) {
        return BundleJson.of(bundles.importBundle(body));
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("bundles")
    @Operation(summary = "Bundles imported, newest first")
    public List<BundleJson> importedBundles(@QueryParam("limit") Integer limit) {
        return importedBundles.list(limit == null ? 100 : limit).stream()
                .map(BundleJson::of)
                .toList();
    }

    /** What importing a bundle did. */
    public record BundleJson(
            String bundle,
            String fromNode,
            String created,
            int envelopes,
            int accepted,
            int duplicates,
            int refused,
            FilesJson files,
            boolean complete) {
        static BundleJson of(BundleImportView v) {
            return new BundleJson(
                    v.bundle().toString(),
                    v.fromNode().toString(),
                    v.created().toString(),
                    v.envelopes(),
                    v.accepted(),
                    v.duplicates(),
                    v.refused(),
                    new FilesJson(
                            v.files().parts(),
                            v.files().kept(),
                            v.files().duplicates(),
                            v.files().refused()),
                    v.complete());
        }
    }

    /**
     * The parts of files a bundle carried: kept (to be opened here in turn, or relayed on), already here, or refused.
     */
    public record FilesJson(int parts, int kept, int duplicates, int refused) {}

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("refused")
    @Operation(summary = "Envelopes refused on arrival: id, peer, kind, size, time (never content)")
    public List<RefusedJson> refused(@QueryParam("limit") Integer limit) {
        return deliveries.refused(limit == null ? 100 : limit).stream()
                .map(r -> new RefusedJson(
                        r.envelopeId(),
                        r.viaPeer(),
                        r.kind(),
                        r.size(),
                        r.refusedAt().toString()))
                .toList();
    }

    @RolesAllowed({Roles.ADMINISTRATOR, Roles.SECURITY_OFFICER})
    @GET
    @Path("dead-letters")
    @Operation(
            summary = "Dead letters: what this node could not process after every delivery attempt",
            description = "Oldest first. Per message: its id (for a retry), the queue it came from, the envelope id"
                    + " the sending node labelled it with (unverified), the peer the broker authenticated when it was"
                    + " delivered, its size and when it was first queued. Content is never read. Nothing in this"
                    + " queue is dropped: it waits for the operator to retry it once the cause is fixed.")
    public List<DeadLetterJson> deadLetters(@QueryParam("limit") Integer limit) {
        return deadLetters.list(limit == null ? 100 : limit).stream()
                .map(DeadLetterJson::of)
                .toList();
    }

    @POST
    @Path("dead-letters/{messageId}/retry")
    @Operation(
            summary = "Puts one dead letter back in the queue it came from",
            description = "The node then processes it as on its first arrival: stored, refused, or (if the cause"
                    + " persists) a dead letter again after every attempt.")
    @APIResponse(responseCode = "204", description = "Back in its queue")
    @APIResponse(responseCode = "400", description = "Not a message id")
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public Response retryDeadLetter(@PathParam("messageId") String messageId) {
        if (messageId == null || !DeadLetters.MESSAGE_ID.matcher(messageId).matches()) {
            throw new InvalidInputException(
                    "not a dead letter's message id (they look like ID:8fa63e0b-e815-11f1-80d1-02fc00000001)");
        }
        deadLetters.retry(messageId);
        return Response.noContent().build();
    }

    @POST
    @Path("dead-letters/retry")
    @Operation(summary = "Puts every dead letter back in the queue it came from")
    public JsonObject retryAllDeadLetters() {
        return jakarta.json.Json.createObjectBuilder()
                .add("retried", deadLetters.retryAll())
                .build();
    }

    /** A dead letter, without content. */
    public record DeadLetterJson(
            String messageId, String queue, String envelope, String deliveredBy, long size, String queuedAt) {
        static DeadLetterJson of(DeadLetters.DeadLetter d) {
            return new DeadLetterJson(
                    d.messageId(),
                    d.queue(),
                    d.envelope().map(Object::toString).orElse(null),
                    d.deliveredBy().orElse(null),
                    d.size(),
                    d.queuedAt().toString());
        }
    }

    /** An envelope refused on arrival. */
    public record RefusedJson(String envelope, String viaPeer, String kind, int size, String refusedAt) {}
}
