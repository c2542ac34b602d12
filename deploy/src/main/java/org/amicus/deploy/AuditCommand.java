package org.amicus.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amicus.core.audit.control.AuditExport;
import org.amicus.core.audit.control.AuditVerification;
import org.amicus.messaging.envelope.DetachedSignatures;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.bouncycastle.bcpg.ArmoredInputStream;

/**
 * {@code amicus-node audit verify EXPORT --certificate CERT}: checks an audit log export (docs/audit.md) with
 * the organisation's public certificate only, on any machine: every entry present, in order and unaltered up
 * to the last checkpoint, and each checkpoint signed by that organisation. Exit 0 if intact, 1 if not.
 */
final class AuditCommand {

    static final String USAGE = "audit needs: verify EXPORT --certificate CERTIFICATE (amicus-node --help)";

    private AuditCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length != 4 || !args[0].equals("verify") || !args[2].equals("--certificate")) {
                throw new LaunchException(LaunchException.USAGE, USAGE);
            }
            Path export = Path.of(args[1]);
            OrganisationCertificate certificate = certificate(Path.of(args[3]));
            List<String> lines;
            try {
                lines = Files.readAllLines(export, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LaunchException(
                        LaunchException.PRECONDITION, "cannot read " + export + ": " + e.getMessage());
            }
            AuditVerification v = AuditExport.verify(
                    lines,
                    c -> c.signer().equals(certificate.fingerprint())
                            && DetachedSignatures.verify(c.line(), dearmor(c.armoredSignature()), certificate));
            if (v.intact()) {
                out.println("The audit log export is intact: " + v.entries() + " entries, all signed (up to entry "
                        + v.signedUpTo() + ", " + v.checkpoints() + " checkpoint(s)) by "
                        + certificate.fingerprint().grouped() + ".");
                return 0;
            }
            out.println("The audit log export is NOT intact (" + v.entries() + " entries read, signed up to entry "
                    + v.signedUpTo() + "):");
            v.problems().forEach(p -> out.println("  - " + p));
            return 1;
        } catch (LaunchException e) {
            err.println("amicus-node audit: error: " + e.getMessage());
            return e.exitStatus();
        }
    }

    private static OrganisationCertificate certificate(Path file) throws LaunchException {
        try {
            return OrganisationCertificate.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot read " + file + ": " + e.getMessage());
        } catch (KeyProtectionException | RuntimeException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, file + " is not an OpenPGP certificate: " + e.getMessage());
        }
    }

    private static byte[] dearmor(String armored) {
        try (ArmoredInputStream in = ArmoredInputStream.builder()
                .build(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return new byte[0]; // not a signature: verification fails
        }
    }
}
