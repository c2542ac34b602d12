package org.amicus.messaging.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The file through which the node's server tells its broker which peers exist
 * ({@code DATA/federation/peers.properties}, owner-only): the server writes it whole and atomically
 * whenever its peers change, the broker reads it at start and whenever it changes, and reconciles its
 * acceptor admission, outbound queues and bridges with it. The file holds public material only
 * (addresses, certificates, pins).
 */
public final class FederationPeersFile {

    private FederationPeersFile() {}

    public static void write(Path file, List<PeerLink> peers) throws IOException {
        write(file, peers, generation(file) + 1);
    }

    /**
     * Writes the peers with a generation number; the broker reports the generation it has applied in the
     * links file ({@link LinkStatesFile#appliedGeneration}), so the writer can wait until a change holds.
     */
    public static void write(Path file, List<PeerLink> peers, long generation) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", "1");
        p.setProperty("generation", Long.toString(generation));
        List<String> ids = new ArrayList<>();
        for (PeerLink peer : peers) {
            String k = "peer." + peer.nodeId() + ".";
            ids.add(peer.nodeId());
            p.setProperty(k + "host", peer.host());
            p.setProperty(k + "port", Integer.toString(peer.port()));
            p.setProperty(k + "spki", peer.spkiSha256());
            p.setProperty(k + "certificate", Base64.getEncoder().encodeToString(peer.certificateDer()));
            p.setProperty(k + "active", Boolean.toString(peer.active()));
        }
        p.setProperty("peers", String.join(",", ids));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The generation of the file's content; 0 if there is no file. */
    public static long generation(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return Long.parseLong(p.getProperty("generation", "0"));
        } catch (NumberFormatException e) {
            throw new IOException(file + " is damaged: its generation is not a number");
        }
    }

    /** The peers in the file; none if it does not exist yet. A damaged file is an error, never "no peers". */
    public static List<PeerLink> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!"1".equals(p.getProperty("version"))) {
            throw new IOException(file + " has an unknown version");
        }
        List<PeerLink> peers = new ArrayList<>();
        String list = p.getProperty("peers", "");
        if (list.isBlank()) {
            return peers;
        }
        try {
            for (String id : list.split(",")) {
                String k = "peer." + id + ".";
                peers.add(new PeerLink(
                        id,
                        required(p, k + "host"),
                        Integer.parseInt(required(p, k + "port")),
                        required(p, k + "spki"),
                        Base64.getDecoder().decode(required(p, k + "certificate")),
                        Boolean.parseBoolean(required(p, k + "active"))));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
        return peers;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }
}
