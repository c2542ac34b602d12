package org.amicus.core.cooperation.boundary;

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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deadline jobs of cooperation requests: every {@value #DEFAULT_INTERVAL_SECONDS} seconds (tunable with
 * {@code -Damicus.cooperation.deadline-check-seconds}) it flags requests whose deadline is near (within
 * {@code -Damicus.cooperation.reminder-hours}, default 72) or passed. The deadlines and the flags are in the
 * database, so a restart loses nothing: the first run after it catches up (ADR 15).
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CooperationJobs {

    static final long DEFAULT_INTERVAL_SECONDS = 10;

    static final Duration REMINDER_LEAD = Duration.ofHours(Long.getLong("amicus.cooperation.reminder-hours", 72));

    private static final Logger LOG = Logger.getLogger(CooperationJobs.class.getName());

    @Resource
    TimerService timers;

    @Inject
    CooperationRequests requests;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long every =
                Math.max(1, Long.getLong("amicus.cooperation.deadline-check-seconds", DEFAULT_INTERVAL_SECONDS)) * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("amicus-cooperation-deadlines", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            requests.checkDeadlines(REMINDER_LEAD);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "AMICUS-COOPERATION-008 deadline check deferred", e);
        } finally {
            running.set(false);
        }
    }
}
