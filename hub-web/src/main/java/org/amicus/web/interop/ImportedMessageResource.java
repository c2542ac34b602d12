package org.amicus.web.interop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.messaging.envelope.EnvelopeRejectedException;
import org.amicus.messaging.envelope.Envelopes;
import org.amicus.messaging.identity.NodeEnvelopes;
import org.amicus.web.access.Roles;
import org.amicus.web.problem.Bodies;
import org.amicus.web.problem.MessageTooLargeException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Messages made with standard OpenPGP tools, e.g. {@code gpg --sign --encrypt -r <our fingerprint>},
 * opened with this organisation's key and their signer identified in the key directory. The API listens
 * on 127.0.0.1 by default and has no login until issue 5: the decrypted text goes only to the operator
 * on this machine.
 */
@ApplicationScoped
@RolesAllowed({Roles.ADMINISTRATOR, Roles.COORDINATOR, Roles.SECURITY_OFFICER, Roles.ANALYST})
@Path("messages/import")
@Tag(name = "Interoperability", description = "Messages from GnuPG, Sequoia and other OpenPGP tools")
public class ImportedMessageResource {

    @Inject
    NodeEnvelopes envelopes;

    @Inject
    KeyDirectory directory;

    @POST
    @Consumes({"application/pgp-encrypted", "application/octet-stream", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Open a message a standard OpenPGP tool signed and encrypted to this organisation",
            description = "Binary or armored. Exactly one signature, by a key in the directory that is not revoked.")
    @APIResponse(responseCode = "200", description = "Opened; the signer is named")
    @APIResponse(responseCode = "413", description = "Larger than the node accepts")
    @APIResponse(responseCode = "422", description = "Refused (the problem type names why); nothing is released")
    public ImportedMessageJson importMessage(InputStream body) throws IOException, EnvelopeRejectedException {
        byte[] bytes = Bodies.readAtMost(body, (int) NodeEnvelopes.MAX_PAYLOAD);
        if (bytes == null) {
            throw new MessageTooLargeException(NodeEnvelopes.MAX_PAYLOAD);
        }
        Envelopes.ImportedMessage opened = envelopes.openImported(bytes);
        var signer = directory.find(opened.signer()).orElseThrow();
        return new ImportedMessageJson(
                opened.signer().hex(),
                signer.displayName(),
                signer.state().name(),
                opened.content().length,
                sha256(opened.content()),
                text(opened.content()));
    }

    private static String text(byte[] content) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
