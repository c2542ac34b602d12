package org.amicus.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationKey;
import org.amicus.messaging.envelope.OrganisationKeyFile;
import org.amicus.messaging.envelope.Passphrases;

/**
 * The launcher's access to the organisation key: the check before a start (so a wrong passphrase stops
 * the launch with one clear line and leaves the key file untouched) and the operator commands.
 */
final class OrganisationKeyAccess {

    private OrganisationKeyAccess() {}

    static Path keyFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("organisation.key");
    }

    /** The passphrase from the file, or else from AMICUS_PASSPHRASE. The caller wipes it. */
    static char[] passphrase(Path file) throws LaunchException {
        if (file != null) {
            try {
                return Passphrases.readFile(file);
            } catch (IOException e) {
                throw new LaunchException(
                        LaunchException.PRECONDITION,
                        "cannot read the passphrase file " + file + ": " + e.getMessage());
            } catch (KeyProtectionException e) {
                throw new LaunchException(LaunchException.PRECONDITION, e.getMessage());
            }
        }
        char[] passphrase = Passphrases.fromEnvironment();
        if (passphrase == null) {
            throw new LaunchException(
                    LaunchException.USAGE,
                    "the organisation key needs a passphrase: give --passphrase-file FILE (mode 600) or set "
                            + "AMICUS_PASSPHRASE");
        }
        return passphrase;
    }

    /**
     * The passphrase for a start: from the file, else AMICUS_PASSPHRASE, else asked for on the terminal
     * (twice when it will protect a new key). The caller wipes it.
     */
    static char[] forStart(Path keyFile, Path passphraseFile, java.io.Console console) throws LaunchException {
        if (passphraseFile != null || Passphrases.fromEnvironment() != null) {
            return passphrase(passphraseFile);
        }
        if (console == null) {
            throw new LaunchException(
                    LaunchException.USAGE,
                    "the organisation key needs a passphrase: give --passphrase-file FILE (mode 600) or set "
                            + "AMICUS_PASSPHRASE");
        }
        if (Files.exists(keyFile)) {
            char[] typed = console.readPassword("Passphrase of the organisation key: ");
            return typed == null ? new char[0] : typed;
        }
        console.printf(
                "This node has no organisation key yet; it will create one, protected by a passphrase.%n"
                        + "Choose a long passphrase (%d characters or more) and keep it safe: without it the key"
                        + " cannot be used.%n",
                OrganisationKey.MIN_PASSPHRASE_LENGTH);
        char[] first = console.readPassword("New passphrase: ");
        char[] second = console.readPassword("Repeat it: ");
        boolean same = first != null && second != null && Arrays.equals(first, second);
        if (second != null) {
            Arrays.fill(second, '\0');
        }
        if (!same) {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            throw new LaunchException(LaunchException.PRECONDITION, "the two passphrases differ; nothing was created");
        }
        return first;
    }

    /**
     * Before a start: an existing key must open with the passphrase; for a new key (created by the node
     * at its first start) the passphrase must be strong enough. Reads only; never writes the key file.
     */
    static void checkBeforeStart(Path keyFile, char[] passphrase) throws LaunchException {
        try {
            if (Files.exists(keyFile)) {
                load(keyFile, passphrase);
            } else {
                OrganisationKey.checkNewPassphrase(passphrase);
            }
        } catch (KeyProtectionException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "a new organisation key needs a better passphrase: " + e.getMessage());
        }
    }

    /** The grouped fingerprint of the stored key (public part, no passphrase), or a note why not. */
    static String fingerprint(Path keyFile) {
        try {
            return OrganisationKey.read(Files.readAllBytes(keyFile))
                    .fingerprint()
                    .grouped();
        } catch (IOException | KeyProtectionException e) {
            return "(organisation key unreadable: " + e.getMessage() + ")";
        }
    }

    /** Loads the key and checks the passphrase; a failure names the file and leaves it as it was. */
    static OrganisationKey load(Path keyFile, char[] passphrase) throws LaunchException {
        try {
            return new OrganisationKeyFile(keyFile).load(passphrase);
        } catch (KeyProtectionException e) {
            String why = switch (e.reason()) {
                case EMPTY_PASSPHRASE -> "the passphrase is empty";
                case WRONG_PASSPHRASE -> "the passphrase does not unlock it";
                default -> e.getMessage();
            };
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "cannot use the organisation key " + keyFile + ": " + why + " (the key file is unchanged)");
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "cannot read the organisation key " + keyFile + ": " + e);
        }
    }
}
