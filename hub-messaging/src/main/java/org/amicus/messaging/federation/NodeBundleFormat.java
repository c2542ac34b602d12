package org.amicus.messaging.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import org.amicus.core.federation.control.BundleFormat;
import org.amicus.core.federation.control.BundleRefusedException;
import org.amicus.core.federation.control.WaitingEnvelope;
import org.amicus.core.federation.control.WaitingPart;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;
import org.amicus.messaging.envelope.BundleFile;
import org.amicus.messaging.envelope.BundleFileException;
import org.amicus.messaging.identity.DirectoryKeyView;
import org.amicus.messaging.identity.NodeKey;

/** The core's bundle port over the crypto unit's {@link BundleFile}, this node's key and its key directory. */
@ApplicationScoped
public class NodeBundleFormat implements BundleFormat {

    private static final Logger LOG = Logger.getLogger(NodeBundleFormat.class.getName());

    @Inject
    NodeKey key;

    @Inject
    NodeService node;

    @Inject
    DirectoryKeyView directory;

    @Inject
    FederationPaths paths;

    @Inject
    Clock clock;

    @Override
    public void write(
            OutputStream out, UUID bundleId, NodeId to, List<WaitingEnvelope> envelopes, List<WaitingPart> parts)
            throws IOException {
        var unlocked = key.unlocked();
        BundleFile.Manifest manifest = new BundleFile.Manifest(
                bundleId,
                node.ensureIdentity().toString(),
                to.toString(),
                unlocked.fingerprint(),
                clock.instant(),
                envelopes.stream()
                        .map(e -> new BundleFile.Entry(e.id(), e.size(), e.sha256()))
                        .toList(),
                parts.stream()
                        .map(p -> new BundleFile.PartEntry(
                                p.name(),
                                p.from().toString(),
                                p.to().toString(),
                                p.expires(),
                                p.groupSequence(),
                                Math.toIntExact(p.size()),
                                p.sha256()))
                        .toList());
        BundleFile.write(
                out,
                manifest,
                envelopes.stream()
                        .map(e -> new BundleFile.Staged(e.staged(), e.offset(), e.size()))
                        .toList(),
                parts.stream()
                        .map(p -> new BundleFile.Staged(p.ciphertext(), 0, Math.toIntExact(p.size())))
                        .toList(),
                unlocked);
    }

    @Override
    public OpenedBundle read(InputStream in, long maxBytes, Function<NodeId, Optional<Fingerprint>> organisationOf)
            throws IOException {
        Path staged = stage(in, maxBytes);
        try {
            BundleFile.Verified verified = BundleFile.read(staged, manifest -> {
                NodeId from;
                try {
                    from = NodeId.parse(manifest.fromNode());
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
                return organisationOf
                        .apply(from)
                        .flatMap(directory::lookup)
                        .filter(entry -> !entry.revoked())
                        .map(entry -> entry.certificate());
            });
            return new Staged(verified, staged);
        } catch (BundleFileException e) {
            delete(staged);
            LOG.warning("AMICUS-FEDERATION-064 a bundle was refused: " + e.getMessage());
            throw new BundleRefusedException(kind(e.kind()), e.getMessage());
        } catch (IOException | RuntimeException e) {
            delete(staged);
            throw e;
        }
    }

    private Path stage(InputStream in, long maxBytes) throws IOException {
        Path dir = paths.incoming();
        Files.createDirectories(dir);
        Path file = dir.resolve("bundle-" + UUID.randomUUID() + ".amcb");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new BundleRefusedException(
                            "bundle-too-large", "a bundle may be at most " + maxBytes / (1024 * 1024) + " MiB");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            delete(file);
            throw e;
        }
        return file;
    }

    private static String kind(BundleFileException.Kind kind) {
        return switch (kind) {
            case UNKNOWN_SENDER -> "bundle-from-unknown-node";
            default -> "bundle-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("AMICUS-FEDERATION-065 cannot remove the staged bundle " + file + ": " + e);
        }
    }

    /** A verified bundle staged on disk; closing removes the file. */
    private record Staged(BundleFile.Verified verified, Path file) implements OpenedBundle {
        @Override
        public UUID id() {
            return verified.manifest().id();
        }

        @Override
        public NodeId fromNode() {
            return NodeId.parse(verified.manifest().fromNode());
        }

        @Override
        public NodeId toNode() {
            return NodeId.parse(verified.manifest().toNode());
        }

        @Override
        public Instant created() {
            return verified.manifest().created();
        }

        @Override
        public int size() {
            return verified.manifest().envelopes().size();
        }

        @Override
        public byte[] envelope(int i) throws IOException {
            return verified.envelope(i);
        }

        @Override
        public List<CarriedPart> parts() {
            return verified.manifest().files().stream()
                    .map(f -> new CarriedPart(
                            f.name(), NodeId.parse(f.from()), NodeId.parse(f.to()), f.expires(), f.group(), f.size()))
                    .toList();
        }

        @Override
        public InputStream part(int i) throws IOException {
            return verified.part(i);
        }

        @Override
        public void close() {
            delete(file);
        }
    }
}
