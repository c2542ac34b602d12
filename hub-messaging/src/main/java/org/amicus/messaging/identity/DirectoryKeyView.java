package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.boundary.KnownKey;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.messaging.envelope.KeyDirectoryView;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationCertificate;

/** The envelope code's view of the core's key directory. */
@ApplicationScoped
public class DirectoryKeyView implements KeyDirectoryView {

    @Inject
    KeyDirectory directory;

    @Override
    public Optional<Entry> lookup(Fingerprint organisation) {
        return directory.lookup(organisation).map(DirectoryKeyView::entry);
    }

    /** Every key of the directory, revoked ones included (so that a revoked signer is named as such). */
    public List<Entry> all() {
        return directory.allKnown().stream().map(DirectoryKeyView::entry).toList();
    }

    private static Entry entry(KnownKey known) {
        try {
            return new Entry(OrganisationCertificate.parse(known.certificate()), known.revoked());
        } catch (KeyProtectionException e) {
            // the directory stores only certificates the envelope code has read before
            throw new IllegalStateException("a stored certificate is unreadable", e);
        }
    }
}
