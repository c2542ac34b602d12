package org.amicus.core.submission.boundary;

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
 * Every minute (tunable with {@code -Damicus.uploads.check-seconds}): removes uploads that have been idle for longer
 * than they can be resumed, and takes up submissions with work left (files not yet queued after a failure or a
 * restart, files that arrived but are not opened yet). What is left is in the database, so a restart changes nothing.
 */
@Singleton
@Startup
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SubmissionJobs {

    private static final Logger LOG = Logger.getLogger(SubmissionJobs.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Uploads uploads;

    @Inject
    SubmissionTransfers transfers;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long every = Math.max(1, Long.getLong("amicus.uploads.check-seconds", 60)) * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("amicus-upload-cleanup", false));
    }

    @Timeout
    void tick(Timer timer) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (uploads.expireIdle() >= 100) {
                // more to remove
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "AMICUS-SUBMISSION-007 upload cleanup deferred", e);
        }
        try {
            for (var id : transfers.unfinished()) {
                var state = transfers.state(id);
                if (state.isPresent() && state.get() == org.amicus.core.submission.entity.SubmissionState.SENDING) {
                    transfers.shipAll(id);
                } else {
                    transfers.ingestAll(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "AMICUS-SUBMISSION-008 submission transfers deferred", e);
        } finally {
            running.set(false);
        }
    }
}
