package org.amicus.core.membership.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.platform.control.Sha256;

/**
 * The operator's credential: at each start the node writes a fresh random token into a file in its data
 * directory (owner-only), which the {@code amicus-node} commands on the same machine present. Whoever can
 * read that file can also read the node's database and passphrase file, so it grants nothing more than
 * they have; it is how the first administrator is created (never a default password). Only the token's
 * SHA-256 stays in memory; the file is removed at a clean stop.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OperatorAccess {

    private static final Logger LOG = Logger.getLogger(OperatorAccess.class.getName());

    @Inject
    AccessSettings settings;

    @Inject
    Clock clock;

    private volatile byte[] tokenHash;
    private Path file;

    @PostConstruct
    void writeToken() {
        Optional<Path> configured = settings.operatorTokenFile();
        if (configured.isEmpty()) {
            LOG.warning("AMICUS-ACCESS-002 no operator token file configured (amicus.access.operator-token-file):"
                    + " only people who sign in can use the API");
            return;
        }
        file = configured.get();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(
                    file.getParent(),
                    ".operator-",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("AMICUS-ACCESS-003 cannot write the operator token file " + file, e);
        }
        tokenHash = Sha256.hex(token).getBytes(StandardCharsets.US_ASCII);
        LOG.info("AMICUS-ACCESS-001 operator token written to " + file);
    }

    @PreDestroy
    void removeToken() {
        tokenHash = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning("AMICUS-ACCESS-004 could not remove the operator token file " + file + ": " + e);
            }
        }
    }

    /** The operator, if {@code token} is this start's operator token (compared in constant time). */
    public Optional<Caller> authenticate(String token) {
        byte[] expected = tokenHash;
        if (expected == null || token == null) {
            return Optional.empty();
        }
        byte[] given = Sha256.hex(token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given)
                ? Optional.of(Caller.operator(clock.instant()))
                : Optional.empty();
    }
}
