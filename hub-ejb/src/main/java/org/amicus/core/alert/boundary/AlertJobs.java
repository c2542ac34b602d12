package org.amicus.core.alert.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The escalation timer of security alerts: every {@value #DEFAULT_INTERVAL_SECONDS} seconds (tunable with
 * {@code -Damicus.alerts.check-seconds}) it escalates the organisations whose escalation time has passed without an
 * acknowledgement ({@link Alerts#escalateDue}). The escalation times are in the database, not in the timer, so a
 * restart loses none: the first run after it catches up (ADR 18).
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertJobs {

    static final long DEFAULT_INTERVAL_SECONDS = 15;

    private static final Logger LOG = Logger.getLogger(AlertJobs.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Alerts alerts;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long every = Math.max(1, Long.getLong("amicus.alerts.check-seconds", DEFAULT_INTERVAL_SECONDS)) * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("amicus-alert-escalation", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            alerts.escalateDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AMICUS-ALERT-009 escalation check deferred to the next run", e);
        } finally {
            running.set(false);
        }
    }
}
