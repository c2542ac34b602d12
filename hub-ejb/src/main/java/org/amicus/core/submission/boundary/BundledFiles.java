package org.amicus.core.submission.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.federation.control.BundleAnchor;
import org.amicus.core.federation.control.BundleFormat;
import org.amicus.core.federation.control.CarriedFiles;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.submission.control.FileTransport;

/**
 * Parts of files carried in a bundle (federation.md §7): each is taken as if the peer that wrote the bundle had
 * delivered it (federation.md §3.8): routed by the same rules ({@link ReceivedFiles#route}); a part for this node that
 * its submission still waits for is kept in the incoming directory and opened in its turn (now, if its envelope is
 * here); a part already here is dropped; a part for a node this node relays to is queued for it unread.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BundledFiles implements CarriedFiles {

    private static final Logger LOG = Logger.getLogger(BundledFiles.class.getName());

    @Inject
    ReceivedFiles received;

    @Inject
    FileTransport transport;

    @Inject
    Clock clock;

    @Override
    public Outcome receive(NodeId peer, BundleFormat.CarriedPart part, InputStream ciphertext) throws IOException {
        ReceivedFiles.Route route = received.route(peer, Optional.of(part.from()), Optional.of(part.to()));
        if (route instanceof ReceivedFiles.Drop drop) {
            LOG.warning("AMICUS-SUBMISSION-050 part " + part.name() + " in a bundle from " + peer + " was dropped: "
                    + drop.kind());
            return Outcome.REFUSED;
        }
        if (route instanceof ReceivedFiles.Forward forward) {
            if (part.expires().isPresent() && !part.expires().get().isAfter(clock.instant())) {
                LOG.info("AMICUS-SUBMISSION-051 part " + part.name() + " in a bundle from " + peer
                        + " has expired; not relayed");
                return Outcome.REFUSED;
            }
            transport.forwardCarried(
                    forward.target(), part.name(), part.from(), part.expires(), part.groupSequence(), ciphertext);
            return Outcome.KEPT;
        }
        NodeId origin = ((ReceivedFiles.Keep) route).origin();
        BundleAnchor name = new BundleAnchor(part.name()); // checked when the bundle was read
        UUID envelope = name.envelope();
        String fileRef = name.fileRef().orElseThrow();
        int number = name.part();
        if (received.settled(envelope, fileRef, number, origin)) {
            return Outcome.DUPLICATE;
        }
        transport.keepCarried(envelope, fileRef, number, origin, ciphertext);
        received.arrived(envelope, fileRef, origin); // opened now if its submission is here and waits for it
        return Outcome.KEPT;
    }
}
