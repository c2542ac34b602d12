package org.amicus.core.bulletin.boundary;

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
 * The publishing job of bulletins: every {@value #DEFAULT_INTERVAL_SECONDS} seconds (tunable with
 * {@code -Damicus.bulletins.check-seconds}) it publishes approved bulletins whose time has come and the next issue of
 * each recurring series ({@link Bulletins#publishDue}). The times are in the database, so a restart loses none: the
 * first run after it publishes what fell due while the node was down, once (ADR 18).
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulletinJobs {

    static final long DEFAULT_INTERVAL_SECONDS = 15;

    private static final Logger LOG = Logger.getLogger(BulletinJobs.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Bulletins bulletins;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long every = Math.max(1, Long.getLong("amicus.bulletins.check-seconds", DEFAULT_INTERVAL_SECONDS)) * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("amicus-bulletin-publishing", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            bulletins.publishDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AMICUS-BULLETIN-009 publishing deferred to the next run", e);
        } finally {
            running.set(false);
        }
    }
}
