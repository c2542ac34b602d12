package org.amicus.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers and the JVM has heap to spare. A node that is live but not
 * ready (broker or database away) should be left running: it reconnects by itself.
 *
 * <p>"Heap to spare" is judged by the old generation as the last garbage collection left it, not by the
 * heap in use at this instant: that includes garbage not yet collected and is often above 95% on a
 * healthy node just before a collection (a liveness check that says DOWN then gets a healthy node
 * restarted).
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    private static final double MAX_OLD_GEN_AFTER_GC = 0.95;

    @Override
    public HealthCheckResponse call() {
        Runtime rt = Runtime.getRuntime();
        double inUse = (double) (rt.totalMemory() - rt.freeMemory()) / rt.maxMemory();
        double afterGc = oldGenerationAfterLastCollection();
        return HealthCheckResponse.named("amicus-node")
                .status(afterGc < MAX_OLD_GEN_AFTER_GC)
                .withData("heapUsedPercent", Math.round(inUse * 100))
                .withData("oldGenAfterGcPercent", Math.round(afterGc * 100))
                .build();
    }

    /** The fullest old-generation pool after its last collection (0 before the first one). */
    static double oldGenerationAfterLastCollection() {
        double ratio = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() != MemoryType.HEAP || !(name.contains("Old") || name.contains("Tenured"))) {
                continue;
            }
            MemoryUsage u = pool.getCollectionUsage();
            if (u != null && u.getMax() > 0) {
                ratio = Math.max(ratio, (double) u.getUsed() / u.getMax());
            }
        }
        return ratio;
    }
}
