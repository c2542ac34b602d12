package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.amicus.core.federation.control.DeadLetters;

/**
 * The operator's view of the dead-letter queue (docs/protocol/federation.md §5): what the node could not process
 * after every delivery attempt, and the retry once the cause is fixed. A retried envelope is judged as on its
 * first arrival (stored, refused, or dead again); nothing is dropped here. Not transactional: a retry is an
 * operator's act on the broker, done when the call returns.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterQueue {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class.getName());

    @Inject
    DeadLetters deadLetters;

    public List<DeadLetters.DeadLetter> list(int limit) {
        return deadLetters.list(Math.max(1, Math.min(limit, 1000)));
    }

    public long count() {
        return deadLetters.count();
    }

    /** @throws DeadLetterNotFoundException if no dead letter has this id */
    public void retry(String messageId) {
        if (!deadLetters.retry(messageId)) {
            throw new DeadLetterNotFoundException(messageId);
        }
        LOG.info(() -> "AMICUS-FEDERATION-080 dead letter " + messageId + " retried by the operator");
    }

    public long retryAll() {
        long n = deadLetters.retryAll();
        LOG.info(() -> "AMICUS-FEDERATION-081 " + n + " dead letter(s) retried by the operator");
        return n;
    }
}
