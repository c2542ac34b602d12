package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amicus.core.federation.control.BundleRefusedException;
import org.amicus.core.federation.entity.ImportedBundle;
import org.amicus.core.node.entity.NodeId;

/** The record of bundles imported: each in its own transaction, so that a bundle is imported once. */
@Stateless
public class ImportedBundles {

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Records that a bundle's import begins, or restarts an interrupted one.
     *
     * @throws BundleRefusedException {@code bundle-replayed} if it was imported before
     */
    public void begin(UUID bundle, NodeId from, Instant created, int envelopes, int parts) {
        Instant now = clock.instant();
        ImportedBundle known = em.find(ImportedBundle.class, bundle.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (known == null) {
            em.persist(new ImportedBundle(bundle, from, created, envelopes, parts, now));
            em.flush(); // a second import of the same bundle at the same moment fails here, not later
        } else if (known.state() == ImportedBundle.State.IMPORTED) {
            throw new BundleRefusedException(
                    "bundle-replayed",
                    "bundle " + bundle + " was imported already at " + known.finishedAt() + " (" + known.accepted()
                            + " envelopes new then); nothing was delivered again");
        } else {
            known.restart(now);
        }
    }

    public BundleImportView finish(
            UUID bundle, int accepted, int duplicates, int refused, ImportedBundle.PartCounts files) {
        ImportedBundle b = em.find(ImportedBundle.class, bundle.toString());
        b.finish(accepted, duplicates, refused, files, clock.instant());
        return view(b);
    }

    /** Bundles imported, newest first. */
    public List<BundleImportView> list(int limit) {
        return em.createQuery("select b from ImportedBundle b order by b.startedAt desc", ImportedBundle.class)
                .setMaxResults(Math.max(1, Math.min(limit, 1000)))
                .getResultStream()
                .map(ImportedBundles::view)
                .toList();
    }

    static BundleImportView view(ImportedBundle b) {
        return new BundleImportView(
                b.bundleId(),
                b.fromNode(),
                b.createdAt(),
                b.envelopes(),
                b.accepted(),
                b.duplicates(),
                b.refused(),
                b.files(),
                b.state() == ImportedBundle.State.IMPORTED);
    }
}
