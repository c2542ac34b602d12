package org.amicus.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready when the organisation key could not be unlocked (the node cannot seal or open anything).
 * While it is being unlocked right after start the node is ready: sealing and opening wait for it.
 */
@Readiness
@ApplicationScoped
public class OrganisationKeyReadiness implements HealthCheck {

    @Inject
    OrganisationIdentity identity;

    @Override
    public HealthCheckResponse call() {
        var state = identity.state();
        return HealthCheckResponse.named("amicus-organisation-key")
                .status(state != OrganisationIdentity.KeyState.FAILED)
                .withData("state", state.name())
                .build();
    }
}
