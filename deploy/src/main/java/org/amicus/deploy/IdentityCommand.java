package org.amicus.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationKey;
import org.amicus.messaging.envelope.OrganisationKeyFile;

/**
 * {@code amicus-node identity COMMAND}: the operator's commands for the organisation key. They work on
 * the key file only (never the database), print one clear line on failure and change nothing then.
 */
final class IdentityCommand {

    private final Path dataDir;
    private final Path passphraseFile;
    private final PrintStream out;

    private IdentityCommand(Path dataDir, Path passphraseFile, PrintStream out) {
        this.dataDir = dataDir;
        this.passphraseFile = passphraseFile;
        this.out = out;
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            String data = env.getOrDefault("AMICUS_DATA", "amicus-data");
            String passphrase = env.get("AMICUS_PASSPHRASE_FILE");
            List<String> words = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data" -> data = value(args, ++i);
                    case "--passphrase-file" -> passphrase = value(args, ++i);
                    case "--help", "-h" -> {
                        out.print(LaunchOptions.USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new LaunchException(LaunchException.USAGE, "unknown option " + args[i]);
                        }
                        words.add(args[i]);
                    }
                }
            }
            IdentityCommand command = new IdentityCommand(
                    Path.of(data).toAbsolutePath().normalize(), passphrase == null ? null : Path.of(passphrase), out);
            String verb = words.isEmpty() ? "" : words.get(0);
            switch (verb) {
                case "show" -> command.show(noArgument(words));
                case "certificate" -> command.certificate(noArgument(words));
                case "backup" -> command.backup(oneFile(words));
                case "restore" -> command.restore(oneFile(words));
                case "export-for-gpg" -> command.exportForGpg(oneFile(words));
                case "revocation" -> command.revocation(oneFile(words));
                default ->
                    throw new LaunchException(
                            LaunchException.USAGE,
                            "identity needs a command: show, certificate, backup FILE, restore FILE, "
                                    + "export-for-gpg FILE or revocation FILE (amicus-node --help)");
            }
            return 0;
        } catch (LaunchException e) {
            err.println("amicus-node identity: error: " + e.getMessage());
            return e.exitStatus();
        }
    }

    private void show(Void unused) throws LaunchException {
        OrganisationKey key = publicView();
        out.println("Organisation key: " + keyFile());
        out.println("Fingerprint:      " + key.fingerprint().grouped());
        out.println("User id:          " + key.userId());
        out.println("Created:          " + key.created());
        out.println("Encryption subkeys (secret part kept on this node):");
        for (OrganisationKey.Subkey s : key.allEncryptionSubkeys()) {
            out.println("  " + s.fingerprint().grouped() + "  created " + s.created() + "  expires "
                    + (s.expires() == null ? "never" : s.expires()));
        }
    }

    private void certificate(Void unused) throws LaunchException {
        out.print(publicView().armoredCertificate());
    }

    /** Copies the key as stored (still protected by the passphrase), after checking the passphrase opens it. */
    private void backup(Path target) throws LaunchException {
        OrganisationKey key = unlockCheck();
        writeNew(target, key.protectedSecretKey());
        out.println("Backed up organisation key " + key.fingerprint().grouped() + " to " + target
                + " (protected by the same passphrase; keep it offline)");
    }

    /** Puts a backup in place: the node must be stopped, and an existing different key is never replaced. */
    private void restore(Path source) throws LaunchException {
        byte[] backup;
        try {
            backup = Files.readAllBytes(source);
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot read the backup " + source + ": " + e);
        }
        OrganisationKey restored;
        try {
            restored = OrganisationKey.read(backup);
        } catch (KeyProtectionException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, source + " is not an organisation key backup: " + e.getMessage());
        }
        try (DataDirectory data = DataDirectory.open(dataDir)) {
            Path file = keyFile();
            if (Files.exists(file)) {
                OrganisationKey current = publicView();
                if (!current.fingerprint().equals(restored.fingerprint())) {
                    throw new LaunchException(
                            LaunchException.PRECONDITION,
                            file + " holds another organisation key ("
                                    + current.fingerprint().grouped()
                                    + "); move it away first if you really mean to replace it");
                }
            }
            char[] passphrase = OrganisationKeyAccess.passphrase(passphraseFile);
            try {
                new OrganisationKeyFile(file).restore(backup, passphrase);
            } catch (KeyProtectionException e) {
                throw new LaunchException(
                        LaunchException.PRECONDITION,
                        "the passphrase does not unlock the backup " + source + "; nothing was restored");
            } catch (IOException e) {
                throw new LaunchException(LaunchException.PRECONDITION, "cannot write " + file + ": " + e);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            out.println("Restored organisation key " + restored.fingerprint().grouped() + " to " + file);
        }
    }

    /**
     * The secret key re-protected (same passphrase) the way GnuPG 2.2 and Sequoia read it, to decrypt
     * exported messages with standard tools. Written owner-only; delete it when done.
     */
    private void exportForGpg(Path target) throws LaunchException {
        OrganisationKey key = publicView();
        char[] passphrase = OrganisationKeyAccess.passphrase(passphraseFile);
        try {
            String armored = key.armoredSecretKeyForStandardTools(passphrase);
            writeNew(target, armored.getBytes(StandardCharsets.US_ASCII));
        } catch (KeyProtectionException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "the passphrase does not unlock " + keyFile() + "; nothing written");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        out.println("Wrote the secret key for GnuPG/Sequoia to " + target
                + " (protected by the same passphrase); delete it when you are done");
    }

    /**
     * A revocation certificate of the organisation key, for the day the key or its passphrase is compromised: peers
     * that import it stop trusting the key at once. Making it changes nothing; keep it offline with the backup.
     */
    private void revocation(Path target) throws LaunchException {
        OrganisationKey key = publicView();
        char[] passphrase = OrganisationKeyAccess.passphrase(passphraseFile);
        try {
            String armored = key.armoredRevocationCertificate(passphrase, java.time.Instant.now());
            writeNew(target, armored.getBytes(StandardCharsets.US_ASCII));
        } catch (KeyProtectionException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "the passphrase does not unlock " + keyFile() + "; nothing written");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        out.println("Wrote a revocation certificate for organisation key "
                + key.fingerprint().grouped() + " to "
                + target + ". Keep it offline; if the key or passphrase is compromised, give it to every peer"
                + " to import (POST /api/v1/keys): they refuse the key from then on. It cannot be undone.");
    }

    private Path keyFile() {
        return OrganisationKeyAccess.keyFile(dataDir);
    }

    /** The key as stored, for its public parts (no passphrase needed). */
    private OrganisationKey publicView() throws LaunchException {
        Path file = keyFile();
        if (!Files.exists(file)) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "there is no organisation key in " + dataDir + " (a node creates it at its first start)");
        }
        try {
            return OrganisationKey.read(Files.readAllBytes(file));
        } catch (IOException | KeyProtectionException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private OrganisationKey unlockCheck() throws LaunchException {
        publicView();
        char[] passphrase = OrganisationKeyAccess.passphrase(passphraseFile);
        try {
            return OrganisationKeyAccess.load(keyFile(), passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static void writeNew(Path target, byte[] bytes) throws LaunchException {
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            Files.createFile(
                    target,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.write(target, bytes);
        } catch (FileAlreadyExistsException e) {
            throw new LaunchException(LaunchException.PRECONDITION, target + " exists already; choose a new file");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot write " + target + ": " + e);
        }
    }

    private static String value(String[] args, int i) throws LaunchException {
        if (i >= args.length) {
            throw new LaunchException(LaunchException.USAGE, args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static Void noArgument(List<String> words) throws LaunchException {
        if (words.size() != 1) {
            throw new LaunchException(LaunchException.USAGE, words.get(0) + " takes no argument");
        }
        return null;
    }

    private static Path oneFile(List<String> words) throws LaunchException {
        if (words.size() != 2) {
            throw new LaunchException(LaunchException.USAGE, words.get(0) + " needs one FILE");
        }
        return Path.of(words.get(1));
    }
}
