package org.amicus.messaging.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the server finds the federation files it shares with its broker (the launcher passes
 * {@code amicus.federation.directory} = DATA/federation) and the address its peering card announces.
 */
@ApplicationScoped
public class FederationPaths {

    @Inject
    @ConfigProperty(name = "amicus.federation.directory")
    Optional<String> directory;

    @Inject
    @ConfigProperty(name = "amicus.federation.public-address")
    Optional<String> publicAddress;

    /** Empty on a node started without federation (e.g. some test set-ups). */
    public Optional<Path> directory() {
        return directory.filter(s -> !s.isBlank()).map(Path::of);
    }

    public Optional<String> publicAddress() {
        return publicAddress.filter(s -> !s.isBlank());
    }

    Path require() {
        return directory()
                .orElseThrow(() -> new FederationUnavailableException(
                        "this node was started without federation (amicus.federation.directory is not set)"));
    }

    Path peersFile() {
        return require().resolve("peers.properties");
    }

    Path linksFile() {
        return require().resolve("links.properties");
    }

    /** Where bundles being imported are staged (sealed envelopes only), owner-only. */
    Path incoming() {
        return require().resolve("incoming");
    }

    /** Where parts of files are staged for a bundle being exported (sealed ciphertext only), owner-only. */
    Path outgoing() {
        return require().resolve("outgoing");
    }

    Path tlsCertificate() {
        return require().resolve("tls-certificate.pem");
    }
}
