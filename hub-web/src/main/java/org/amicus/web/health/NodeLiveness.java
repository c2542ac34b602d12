package org.amicus.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers and the JVM has heap to spare. A node that is live but not
 * ready (broker or database away) should be left running: it reconnects by itself.
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    private static final double MAX_HEAP_USED = 0.95;

    @Override
    public HealthCheckResponse call() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        double ratio = (double) used / rt.maxMemory();
        return HealthCheckResponse.named("amicus-node")
                .status(ratio < MAX_HEAP_USED)
                .withData("heapUsedPercent", Math.round(ratio * 100))
                .build();
    }
}
