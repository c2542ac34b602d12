package org.amicus.messaging.envelope;

import java.util.Optional;
import org.amicus.core.identity.entity.Fingerprint;

/** What opening needs from the key directory (kept by the core): a sender's certificate and its state. */
public interface KeyDirectoryView {

    /** A known sender's certificate and whether it has been revoked. */
    record Entry(OrganisationCertificate certificate, boolean revoked) {}

    Optional<Entry> lookup(Fingerprint organisation);
}
