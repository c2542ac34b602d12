package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amicus.messaging.envelope.EnvelopeFrame;
import org.amicus.messaging.envelope.EnvelopeHeader;
import org.amicus.messaging.envelope.Envelopes;
import org.amicus.messaging.envelope.InnerDocument;
import org.amicus.messaging.envelope.OrganisationKey;
import org.amicus.messaging.envelope.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelope commands: the header shown, the payload exported as the OpenPGP message it is. */
class EnvelopeCommandTest {

    private static final char[] PASS = "a long test passphrase".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void showsTheHeaderAndExportsThePayloadWithoutAnyKey() throws Exception {
        OrganisationKey sender =
                OrganisationKey.generate("S", Instant.now().minusSeconds(60), Duration.ofDays(7), PASS);
        OrganisationKey recipient =
                OrganisationKey.generate("R", Instant.now().minusSeconds(60), Duration.ofDays(7), PASS);
        EnvelopeHeader header = new EnvelopeHeader(
                UUID.randomUUID(),
                sender.fingerprint(),
                "0a0a0a0a-0000-4000-8000-000000000001",
                List.of(recipient.fingerprint()),
                List.of("0b0b0b0b-0000-4000-8000-000000000002"),
                Instant.now(),
                Instant.now().plus(Duration.ofDays(1)),
                Priority.ALERT);
        byte[] wire = Envelopes.seal(
                header,
                new InnerDocument("alert", "secret subject", "secret body"),
                sender.unlock(PASS),
                List.of(recipient.certificate()));
        Path envelope = Files.write(tmp.resolve("e.amce"), wire);

        Result shown = run("show", envelope.toString());
        assertEquals(0, shown.status, shown.err);
        assertTrue(shown.out.contains(header.id().toString()), shown.out);
        assertTrue(shown.out.contains(recipient.fingerprint().grouped()), shown.out);
        assertFalse(shown.out.contains("secret"), "nothing of the content");

        Path out = tmp.resolve("e.pgp");
        Result exported = run("export", envelope.toString(), out.toString());
        assertEquals(0, exported.status, exported.err);
        assertArrayEquals(EnvelopeFrame.parse(wire, Long.MAX_VALUE).payload(), Files.readAllBytes(out));

        Result again = run("export", envelope.toString(), out.toString());
        assertEquals(3, again.status);
        assertTrue(again.err.contains("exists already"), again.err);
    }

    @Test
    void somethingElseIsRefusedInOneLine() throws Exception {
        Path notAnEnvelope = Files.writeString(tmp.resolve("x"), "hello");
        Result r = run("show", notAnEnvelope.toString());
        assertEquals(3, r.status);
        assertTrue(
                r.err.startsWith("amicus-node envelope: error: ") && r.err.contains("is not an Amicus envelope"),
                r.err);
        assertEquals(2, run("unpack").status);
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EnvelopeCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
