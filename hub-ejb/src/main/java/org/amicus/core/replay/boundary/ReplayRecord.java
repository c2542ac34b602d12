package org.amicus.core.replay.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.replay.entity.SeenEnvelope;

/**
 * The persistent record of envelope ids already opened. It joins the caller's transaction, so an id
 * is recorded if and only if what opened it commits; a duplicate insert by a concurrent delivery
 * fails that transaction, never both.
 */
@Stateless
public class ReplayRecord {

    private static final Logger LOG = Logger.getLogger(ReplayRecord.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Clock clock;

    public boolean seen(UUID envelopeId) {
        return em.find(SeenEnvelope.class, envelopeId.toString()) != null;
    }

    public void record(UUID envelopeId, Instant expires) {
        em.persist(new SeenEnvelope(envelopeId, clock.instant(), expires));
        em.flush(); // a replay racing this one fails here, inside the opener's transaction
    }

    /**
     * Forgets ids whose envelopes have expired: an envelope past its expiry is refused as expired
     * before the record is consulted, so keeping its id longer protects nothing.
     */
    @Schedule(hour = "*", minute = "17", persistent = false)
    public void forgetExpired() {
        int removed = em.createQuery("delete from SeenEnvelope s where s.expiresAt < :now")
                .setParameter("now", clock.instant())
                .executeUpdate();
        if (removed > 0) {
            LOG.fine(() -> "AMICUS-REPLAY-001 forgot " + removed + " expired envelope ids");
        }
    }
}
