package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.amicus.core.replay.boundary.ReplayRecord;
import org.amicus.messaging.envelope.SeenEnvelopes;

/** The envelope code's view of the core's persistent replay record. */
@ApplicationScoped
public class PersistentSeenEnvelopes implements SeenEnvelopes {

    @Inject
    ReplayRecord record;

    @Override
    public boolean seen(UUID envelopeId) {
        return record.seen(envelopeId);
    }

    @Override
    public void record(UUID envelopeId, Instant expires) {
        record.record(envelopeId, expires);
    }
}
