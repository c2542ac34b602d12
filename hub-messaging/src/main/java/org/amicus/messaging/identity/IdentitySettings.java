package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the organisation key lives and how it rotates (MicroProfile Config; the launcher passes these
 * as system properties). The passphrase itself is never a setting: it comes from a file or from the
 * environment (see {@link org.amicus.messaging.envelope.Passphrases}).
 */
@ApplicationScoped
public class IdentitySettings {

    @Inject
    @ConfigProperty(name = "amicus.identity.key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "amicus.identity.passphrase-file")
    Optional<String> passphraseFile;

    @Inject
    @ConfigProperty(name = "amicus.organisation.name")
    Optional<String> organisationName;

    @Inject
    @ConfigProperty(name = "amicus.identity.subkey-validity", defaultValue = "P7D")
    String subkeyValidity;

    @Inject
    @ConfigProperty(name = "amicus.identity.retired-subkey-grace", defaultValue = "P30D")
    String retiredSubkeyGrace;

    @Inject
    @ConfigProperty(name = "amicus.identity.maintenance-interval", defaultValue = "PT1H")
    String maintenanceInterval;

    /** How often the node checks whether its subkeys are due for rotation or destruction. */
    public Duration maintenanceInterval() {
        return Duration.parse(maintenanceInterval);
    }

    public Optional<Path> keyFile() {
        return keyFile.filter(s -> !s.isBlank()).map(Path::of);
    }

    public Optional<Path> passphraseFile() {
        return passphraseFile.filter(s -> !s.isBlank()).map(Path::of);
    }

    public Optional<String> organisationName() {
        return organisationName.filter(s -> !s.isBlank());
    }

    /** How long each encryption subkey is valid: the rotation period (default 7 days). */
    public Duration subkeyValidity() {
        return Duration.parse(subkeyValidity);
    }

    /** How long a retired subkey's secret is kept to open what was already on its way (default 30 days). */
    public Duration retiredSubkeyGrace() {
        return Duration.parse(retiredSubkeyGrace);
    }
}
