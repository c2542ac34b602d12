package org.amicus.messaging.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Counters of the inbox listener, served under /metrics. */
@ApplicationScoped
public class InboxMetrics {

    @Inject
    MetricRegistry registry;

    void delivered() {
        counter("amicus_inbox_delivered_total").inc();
    }

    void rejected() {
        counter("amicus_inbox_rejected_total").inc();
    }

    private Counter counter(String name) {
        return registry.counter(name);
    }
}
