package org.amicus.core.membership.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.amicus.core.membership.entity.AccessPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sign-in policy and the operator token's file (MicroProfile Config; the launcher sets the file). */
@ApplicationScoped
public class AccessSettings {

    @Inject
    @ConfigProperty(name = "amicus.access.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "amicus.access.lockout", defaultValue = "PT15M")
    String lockout;

    @Inject
    @ConfigProperty(name = "amicus.access.session-idle", defaultValue = "PT30M")
    String idle;

    @Inject
    @ConfigProperty(name = "amicus.access.session-lifetime", defaultValue = "PT12H")
    String lifetime;

    @Inject
    @ConfigProperty(name = "amicus.access.reauthenticate-within", defaultValue = "PT5M")
    String reauthenticateWithin;

    @Inject
    @ConfigProperty(name = "amicus.access.operator-token-file")
    Optional<String> operatorTokenFile;

    @Inject
    @ConfigProperty(name = "amicus.organisation.name", defaultValue = "Amicus")
    String organisation;

    public AccessPolicy policy() {
        return new AccessPolicy(
                maxFailures,
                Duration.parse(lockout),
                Duration.parse(idle),
                Duration.parse(lifetime),
                Duration.parse(reauthenticateWithin));
    }

    public Optional<Path> operatorTokenFile() {
        return operatorTokenFile.filter(s -> !s.isBlank()).map(Path::of);
    }

    /** The issuer shown in authenticator apps. */
    public String issuer() {
        return "Amicus " + organisation;
    }
}
