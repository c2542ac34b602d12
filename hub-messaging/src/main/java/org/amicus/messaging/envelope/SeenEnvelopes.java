package org.amicus.messaging.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * The persistent record of envelope ids already opened (kept by the core). An id is recorded only after
 * its envelope opened successfully, so a forged envelope cannot burn a genuine id.
 */
public interface SeenEnvelopes {

    boolean seen(UUID envelopeId);

    /** Records the id; keep it at least until {@code expires}. */
    void record(UUID envelopeId, Instant expires);

    /** No record: for opening again what was accepted before (its id is in the real record already). */
    static SeenEnvelopes none() {
        return new SeenEnvelopes() {
            @Override
            public boolean seen(UUID envelopeId) {
                return false;
            }

            @Override
            public void record(UUID envelopeId, Instant expires) {}
        };
    }
}
