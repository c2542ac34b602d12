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
     * Before a start: an existing key must open with the passphrase; for a new key (created by the node
     * at its first start) the passphrase must be strong enough. Reads only; never writes the key file.
     */
    static void checkBeforeStart(Path keyFile, Path passphraseFile) throws LaunchException {
        char[] passphrase = passphrase(passphraseFile);
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
        } finally {
            Arrays.fill(passphrase, '\0');
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
