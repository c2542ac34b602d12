package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amicus.core.audit.control.AuditChain;
import org.amicus.core.audit.entity.AuditRecord;
import org.amicus.messaging.envelope.DetachedSignatures;
import org.amicus.messaging.envelope.OrganisationKey;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amicus-node audit verify}: an export checked with the organisation's certificate alone. */
class AuditCommandTest {

    private static final char[] PASS = "a long test passphrase".toCharArray();
    private static OrganisationKey organisation;
    private static OrganisationKey stranger;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() throws Exception {
        organisation = OrganisationKey.generate("O", Instant.now().minusSeconds(60), Duration.ofDays(7), PASS);
        stranger = OrganisationKey.generate("S", Instant.now().minusSeconds(60), Duration.ofDays(7), PASS);
    }

    /** An export as the node writes it: entries, then the checkpoint and its armored signature. */
    private static List<String> export(OrganisationKey signer, int n) throws Exception {
        List<String> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        for (int i = 1; i <= n; i++) {
            String line = AuditChain.line(
                    i, prev, new AuditRecord(t.plusSeconds(i), "operator", "peer.added", "n" + i, null, "ok", null));
            lines.add(line);
            prev = AuditChain.sha256(line);
        }
        String checkpoint = AuditChain.checkpointLine(n, prev, t.plusSeconds(60), organisation.fingerprint());
        byte[] signature = DetachedSignatures.sign(signer.unlock(PASS), checkpoint.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().build(armored)) {
            a.write(signature);
        }
        lines.add(checkpoint);
        lines.add("{\"signature\":\""
                + armored.toString(StandardCharsets.US_ASCII).replace("\r", "").replace("\n", "\\n") + "\"}");
        return lines;
    }

    private record Run(int exit, String out, String err) {}

    private Run verify(List<String> lines, OrganisationKey certificateOf) throws Exception {
        Path file = Files.write(Files.createTempFile(tmp, "audit", ".ndjson"), lines);
        Path cert = Files.writeString(Files.createTempFile(tmp, "org", ".asc"), certificateOf.armoredCertificate());
        return run("verify", file.toString(), "--certificate", cert.toString());
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUntouchedExportIsIntact() throws Exception {
        Run r = verify(export(organisation, 4), organisation);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("The audit log export is intact: 4 entries, all signed (up to entry 4"), r.out());
        assertTrue(r.out().contains(organisation.fingerprint().grouped()), r.out());
    }

    @Test
    void anEditedEntryIsFoundAndNamed() throws Exception {
        List<String> lines = new ArrayList<>(export(organisation, 4));
        lines.set(1, lines.get(1).replace("peer.added", "peer.removed"));
        Run r = verify(lines, organisation);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("NOT intact"), r.out());
        assertTrue(r.out().contains("entry 3 does not follow"), r.out());
    }

    @Test
    void aRewrittenLogSignedByAnotherKeyIsRefused() throws Exception {
        Run r = verify(export(stranger, 4), organisation);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("checkpoint 4 is not signed by the organisation"), r.out());
        Run other = verify(export(organisation, 4), stranger);
        assertEquals(1, other.exit(), "another organisation's certificate");
    }

    @Test
    void badArgumentsAndFilesGetAPlainMessage() throws Exception {
        Run usage = run("verify", "x");
        assertEquals(LaunchException.USAGE, usage.exit());
        assertTrue(usage.err().contains("audit needs: verify EXPORT --certificate CERTIFICATE"), usage.err());
        Path notACertificate = Files.writeString(tmp.resolve("not.asc"), "hello");
        Path export = Files.write(tmp.resolve("e.ndjson"), export(organisation, 1));
        Run bad = run("verify", export.toString(), "--certificate", notACertificate.toString());
        assertEquals(LaunchException.PRECONDITION, bad.exit());
        assertTrue(bad.err().contains("is not an OpenPGP certificate"), bad.err());
        Run missing = run("verify", tmp.resolve("missing").toString(), "--certificate", notACertificate.toString());
        assertTrue(missing.err().startsWith("amicus-node audit: error:"), missing.err());
    }
}
