package org.amicus.core.audit.boundary;

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
 * The audit log's one chainer: every second it links what was written into the hash chain, and signs a
 * checkpoint when one is due. Only this singleton chains, so the chain never forks.
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditJobs {

    private static final Logger LOG = Logger.getLogger(AuditJobs.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AuditLog log;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("amicus-audit-jobs", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (log.chainPending() >= AuditLog.CHAIN_BATCH) {
                // more waiting
            }
            log.checkpoint(false);
        } catch (RuntimeException e) {
            // the organisation key may still be unlocking: the next tick tries again
            LOG.log(Level.FINE, "AMICUS-AUDIT-003 audit chaining deferred", e);
        } finally {
            running.set(false);
        }
    }

    /** Chains everything written so far and signs the head now: before an export or a verification. */
    public java.util.Optional<AuditLog.CheckpointView> sealNow() {
        while (!running.compareAndSet(false, true)) { // one chainer at a time: wait for the tick
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the audit chainer", e);
            }
        }
        try {
            while (log.chainPending() > 0) {
                // until nothing waits
            }
            return log.checkpoint(true);
        } finally {
            running.set(false);
        }
    }
}
