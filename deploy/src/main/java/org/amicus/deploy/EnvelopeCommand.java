package org.amicus.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.messaging.envelope.EnvelopeFrame;
import org.amicus.messaging.envelope.EnvelopeHeader;
import org.amicus.messaging.envelope.EnvelopeRejectedException;

/**
 * {@code amicus-node envelope show FILE} and {@code amicus-node envelope export FILE OUT}: what an
 * envelope's outer header says, and its payload as a standard OpenPGP message that {@code gpg --decrypt}
 * and {@code sqop decrypt} read (docs/protocol/envelope.md §7). Needs no key and decrypts nothing.
 */
final class EnvelopeCommand {

    private EnvelopeCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("show")) {
                show(read(Path.of(args[1])).header, out);
            } else if (args.length == 3 && args[0].equals("export")) {
                Parsed parsed = read(Path.of(args[1]));
                Path target = Path.of(args[2]);
                try {
                    Files.write(
                            target,
                            parsed.frame.payload(),
                            java.nio.file.StandardOpenOption.CREATE_NEW,
                            java.nio.file.StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    throw new LaunchException(
                            LaunchException.PRECONDITION, target + " exists already; choose a new file");
                } catch (IOException e) {
                    throw new LaunchException(LaunchException.PRECONDITION, "cannot write " + target + ": " + e);
                }
                out.println("Wrote the OpenPGP message of envelope " + parsed.header.id() + " to " + target
                        + " (gpg --decrypt " + target + ")");
            } else {
                throw new LaunchException(
                        LaunchException.USAGE, "envelope needs: show FILE, or export FILE OUT (amicus-node --help)");
            }
            return 0;
        } catch (LaunchException e) {
            err.println("amicus-node envelope: error: " + e.getMessage());
            return e.exitStatus();
        }
    }

    private record Parsed(EnvelopeFrame frame, EnvelopeHeader header) {}

    private static Parsed read(Path file) throws LaunchException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot read " + file + ": " + e);
        }
        try {
            EnvelopeFrame frame = EnvelopeFrame.parse(bytes, Long.MAX_VALUE);
            return new Parsed(frame, EnvelopeHeader.parse(frame.header()));
        } catch (EnvelopeRejectedException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, file + " is not an Amicus envelope: " + e.getMessage());
        }
    }

    private static void show(EnvelopeHeader h, PrintStream out) {
        out.println(
                "Envelope  " + h.id() + " (format 1, priority " + h.priority().wire() + ")");
        out.println("From      " + h.from().grouped() + "  node " + h.fromNode());
        out.println(
                "To        " + h.to().stream().map(Fingerprint::grouped).collect(Collectors.joining("\n          ")));
        out.println("To nodes  " + String.join(", ", h.toNodes()));
        out.println("Created   " + h.created());
        out.println("Expires   " + h.expires());
    }
}
