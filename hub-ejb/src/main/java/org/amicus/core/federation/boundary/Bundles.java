package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.federation.control.BundleAnchor;
import org.amicus.core.federation.control.BundleFormat;
import org.amicus.core.federation.control.BundleRefusedException;
import org.amicus.core.federation.control.CarriedFiles;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.entity.ImportedBundle;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;

/**
 * Offline transfer (docs/protocol/federation.md §7). Export writes the envelopes waiting for a peer into
 * a signed bundle without taking them from its queue (so the network still delivers them if it
 * returns: the receiver drops the second arrival). Import verifies the whole bundle first, then receives
 * its envelopes through the ordinary receiving path in batches; a bundle is imported once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Bundles {

    /** The largest bundle a node takes in. */
    public static final long MAX_BUNDLE_BYTES = 2L * 1024 * 1024 * 1024;

    /** The most entries (envelopes and parts of files) one bundle carries. */
    public static final int MAX_EXPORT = 20_000;

    /** Envelopes received in one transaction on import: at most this many, and about {@link #IMPORT_BATCH_BYTES}. */
    static final int IMPORT_BATCH = 200;

    /** So that a batch of large envelopes (up to a few MiB each) stays small beside the server's heap. */
    static final long IMPORT_BATCH_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(Bundles.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    FederationTransport transport;

    @Inject
    BundleFormat format;

    @Inject
    Deliveries deliveries;

    @Inject
    ImportedBundles records;

    @Inject
    CarriedFiles files;

    @Inject
    NodeService node;

    @Inject
    Clock clock;

    /**
     * The envelopes and parts of files waiting for {@code peer} (after {@code after}, the last entry of an earlier
     * bundle, if given), for the caller to write with {@link #write} and then close, and whether more wait after them.
     */
    public FederationTransport.Waiting waitingFor(NodeId peer, int max, Optional<BundleAnchor> after) {
        Peer p = em.find(Peer.class, peer.toString());
        if (p == null || p.state() == PeerState.REMOVED) {
            throw new PeerNotFoundException(peer);
        }
        return transport.waiting(peer, Math.max(1, Math.min(max, MAX_EXPORT)), after);
    }

    /** Writes what waits ({@link #waitingFor}) as a bundle for {@code peer}; returns the bundle's id. */
    public UUID write(NodeId peer, FederationTransport.Waiting waiting, OutputStream out) {
        UUID id = UUID.randomUUID();
        try {
            format.write(out, id, peer, waiting.envelopes(), waiting.parts());
        } catch (IOException e) {
            throw new UncheckedIOException("AMICUS-FEDERATION-061 writing bundle " + id + " failed", e);
        }
        LOG.info(() -> "AMICUS-FEDERATION-060 bundle " + id + " of "
                + waiting.envelopes().size() + " envelopes and "
                + waiting.parts().size() + " parts of files written for node " + peer);
        return id;
    }

    /**
     * Imports a bundle: verified whole, for this node, from an active peer, not imported before; then
     * each envelope is received as if the peer had delivered it. An interrupted import may be repeated.
     *
     * @throws BundleRefusedException with the reason; nothing of the bundle was delivered
     */
    public BundleImportView importBundle(InputStream in) {
        NodeId self = node.ensureIdentity();
        try (BundleFormat.OpenedBundle bundle = format.read(in, MAX_BUNDLE_BYTES, this::activePeerOrganisation)) {
            if (!bundle.toNode().equals(self)) {
                throw new BundleRefusedException(
                        "bundle-for-another-node",
                        "the bundle is for node " + bundle.toNode() + ", not this node (" + self + ")");
            }
            records.begin(
                    bundle.id(),
                    bundle.fromNode(),
                    bundle.created(),
                    bundle.size(),
                    bundle.parts().size());
            int accepted = 0;
            int duplicates = 0;
            int refused = 0;
            List<byte[]> batch = new ArrayList<>(IMPORT_BATCH);
            long batchBytes = 0;
            for (int i = 0; i < bundle.size(); i++) {
                byte[] envelope = bundle.envelope(i);
                batch.add(envelope);
                batchBytes += envelope.length;
                if (batch.size() < IMPORT_BATCH && batchBytes < IMPORT_BATCH_BYTES && i < bundle.size() - 1) {
                    continue;
                }
                for (Deliveries.Outcome outcome : deliveries.receiveCarried(batch, bundle.fromNode())) {
                    switch (outcome) {
                        case ACCEPTED, RECEIPT_APPLIED -> accepted++;
                        case DUPLICATE -> duplicates++;
                        case REFUSED -> refused++;
                    }
                }
                batch = new ArrayList<>(IMPORT_BATCH);
                batchBytes = 0;
            }
            ImportedBundle.PartCounts files = importParts(bundle); // after the envelopes that name them
            BundleImportView view = records.finish(bundle.id(), accepted, duplicates, refused, files);
            LOG.info(() -> "AMICUS-FEDERATION-062 bundle " + view.bundle() + " from node " + view.fromNode()
                    + " imported: " + view.accepted() + " new, " + view.duplicates() + " already here, "
                    + view.refused() + " refused; parts of files: " + files.kept() + " kept, " + files.duplicates()
                    + " already here, " + files.refused() + " refused");
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("AMICUS-FEDERATION-063 reading the bundle failed", e);
        }
    }

    /**
     * Hands each part of a file in the bundle, in order, to the files' owner as if the peer had delivered it; a part
     * this node cannot store or relay now stops the import (it may be repeated: what was kept counts as here then).
     */
    private ImportedBundle.PartCounts importParts(BundleFormat.OpenedBundle bundle) throws IOException {
        int kept = 0;
        int duplicates = 0;
        int refused = 0;
        List<BundleFormat.CarriedPart> parts = bundle.parts();
        for (int i = 0; i < parts.size(); i++) {
            CarriedFiles.Outcome outcome;
            try (InputStream ciphertext = bundle.part(i)) {
                outcome = files.receive(bundle.fromNode(), parts.get(i), ciphertext);
            }
            switch (outcome) {
                case KEPT -> kept++;
                case DUPLICATE -> duplicates++;
                case REFUSED -> refused++;
            }
        }
        return new ImportedBundle.PartCounts(parts.size(), kept, duplicates, refused);
    }

    private Optional<Fingerprint> activePeerOrganisation(NodeId from) {
        Peer p = em.find(Peer.class, from.toString());
        return p != null && p.state() == PeerState.ACTIVE ? Optional.of(p.fingerprint()) : Optional.empty();
    }
}
