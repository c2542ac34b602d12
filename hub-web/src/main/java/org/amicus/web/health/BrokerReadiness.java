package org.amicus.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.amicus.core.node.control.BrokerProbe;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the node's broker accepts a connection and its inbox exists. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerProbe broker;

    @Override
    public HealthCheckResponse call() {
        var status = broker.status();
        return HealthCheckResponse.named("amicus-broker")
                .status(status.up())
                .withData("state", status.detail())
                .build();
    }
}
