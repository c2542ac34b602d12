package org.amicus.core.submission.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.ItemDetails;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.ConsentWithdrawal;
import org.amicus.core.submission.entity.CustodyRecord;
import org.amicus.core.submission.entity.ItemState;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.SubmissionItem;
import org.amicus.core.submission.entity.SubmissionState;

/**
 * What submissions, their arrivals and transfers share, in the caller's transaction: a submission's items, each file's
 * custody records in order, signing and keeping a new record, consent withdrawals, sealing texts under the content key,
 * and work to do once the transaction has committed.
 */
@Stateless
public class SubmissionLedger {

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Organisations organisations;

    @Inject
    ContentVault vault;

    @Inject
    OrganisationSignatures signatures;

    @Inject
    java.time.Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Signs the custody record {@code seq} of item {@code i} as this organisation and keeps it. */
    public SignedRecord sign(
            SubmissionItem i,
            int seq,
            String prev,
            SubmissionId submission,
            CustodyEvent event,
            OrgId self,
            Instant at,
            Optional<ItemDetails> statement) {
        String signer = organisations.key(self).orElseThrow().hex();
        String text = SubmissionMessages.custodyRecord(
                seq, prev, submission, i.fileRef(), i.sha256(), i.size(), event, self, signer, at, statement);
        byte[] signature = signatures.sign(text.getBytes(StandardCharsets.UTF_8));
        em.persist(new CustodyRecord(i.id(), seq, seal(text), signature, signer));
        return new SignedRecord(text, signature, signer);
    }

    public List<SubmissionItem> items(Submission s) {
        return em.createQuery(
                        "select i from SubmissionItem i where i.submissionId = :s order by i.position",
                        SubmissionItem.class)
                .setParameter("s", s.id().toString())
                .getResultList();
    }

    public List<CustodyRecord> records(SubmissionItem i) {
        return em.createQuery("select r from CustodyRecord r where r.itemId = :i order by r.seq", CustodyRecord.class)
                .setParameter("i", i.id().toString())
                .getResultList();
    }

    public String unseal(byte[] sealed) {
        return new String(vault.unseal(sealed), StandardCharsets.UTF_8);
    }

    public byte[] seal(String text) {
        return vault.seal(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A partner's contribution verified here becomes items of the joint draft it is for, each attributed to the
     * partner unless the partner chose not to be named; none if the draft was sent meanwhile.
     *
     * @return how many items joined the draft
     */
    public int joinContribution(Submission contribution) {
        Optional<SubmissionId> jointId = contribution.jointOf();
        if (jointId.isEmpty()) {
            return 0;
        }
        Submission joint = em.find(Submission.class, jointId.get().toString(), LockModeType.PESSIMISTIC_WRITE);
        if (joint == null || joint.state() != SubmissionState.DRAFT) {
            return 0;
        }
        List<SubmissionItem> existing = items(joint);
        int position =
                existing.stream().mapToInt(SubmissionItem::position).max().orElse(0);
        int joined = 0;
        for (SubmissionItem i : items(contribution)) {
            if (i.state() != ItemState.VERIFIED) {
                continue;
            }
            em.persist(SubmissionItem.continuing(
                    joint.id(),
                    ++position,
                    i.sealedContent(),
                    i,
                    Optional.of(contribution.submitter()),
                    i.contributor().isPresent()));
            joined++;
        }
        return joined;
    }

    /** Whether item {@code item} names source {@code source}. */
    public boolean hasSource(SubmissionItem item, String source) {
        return SubmissionMessages.readDetails(unseal(item.sealedContent())).sources().stream()
                .anyMatch(x -> x.ref().equals(source));
    }

    /** Records that {@code source} of {@code item} withdrew consent to {@code uses} at {@code at}. */
    public void recordWithdrawal(SubmissionItem item, String source, Set<ConsentUse> uses, Instant at) {
        em.persist(new ConsentWithdrawal(item.id(), source, uses, at, clock.instant()));
    }

    /** Runs {@code action} once the caller's transaction has committed (never if it rolls back). */
    public void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
