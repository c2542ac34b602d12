package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Parsed certificates by their stored text: opening an envelope does not parse its sender's again. */
    private final Map<String, OrganisationCertificate> parsed = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> lookup(Fingerprint organisation) {
        return directory.lookup(organisation).map(this::entry);
    }

    /** Every key of the directory, revoked ones included (so that a revoked signer is named as such). */
    public List<Entry> all() {
        return directory.allKnown().stream().map(this::entry).toList();
    }

    private Entry entry(KnownKey known) {
        if (parsed.size() > 10_000) {
            parsed.clear(); // bounded: updated certificates leave their old text behind
        }
        OrganisationCertificate certificate = parsed.computeIfAbsent(known.certificate(), DirectoryKeyView::parse);
        return new Entry(certificate, known.revoked()); // the trust state is always read afresh
    }

    private static OrganisationCertificate parse(String armored) {
        try {
            return OrganisationCertificate.parse(armored);
        } catch (KeyProtectionException e) {
            // the directory stores only certificates the envelope code has read before
            throw new IllegalStateException("a stored certificate is unreadable", e);
        }
    }
}
