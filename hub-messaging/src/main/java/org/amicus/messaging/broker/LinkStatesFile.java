package org.amicus.messaging.broker;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How the broker reports its links to the node's server ({@code DATA/federation/links.properties}):
 * per peer, the link's state, since when, the last error and how many envelopes the bridge has
 * forwarded. Written by the broker whenever something changes, read by the server's operator view.
 */
public final class LinkStatesFile {

    /** The state of one link, as an operator reads it. */
    public enum State {
        /** the bridge is connected to the peer's acceptor */
        CONNECTED,
        /** the bridge is trying to (re)connect */
        CONNECTING,
        /** the operator suspended the peer: no bridge */
        SUSPENDED
    }

    /** One link's report. {@code lastError} is empty when there was none since the last connection. */
    public record LinkState(State state, Instant since, String lastError, long forwarded) {}

    private LinkStatesFile() {}

    public static void write(Path file, Map<String, LinkState> links, long appliedGeneration) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", "1");
        p.setProperty("appliedGeneration", Long.toString(appliedGeneration));
        p.setProperty("written", Instant.now().toString());
        p.setProperty("peers", String.join(",", links.keySet()));
        links.forEach((id, s) -> {
            p.setProperty(id + ".state", s.state().name());
            p.setProperty(id + ".since", s.since().toString());
            p.setProperty(id + ".lastError", s.lastError());
            p.setProperty(id + ".forwarded", Long.toString(s.forwarded()));
        });
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The generation of the peers file the broker has applied; 0 before it has applied any. */
    public static long appliedGeneration(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Long.parseLong(p.getProperty("appliedGeneration", "0"));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The reported links; empty when the broker has not reported yet (or federation is off). */
    public static Map<String, LinkState> read(Path file) throws IOException {
        Map<String, LinkState> links = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return links;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String ids = p.getProperty("peers", "");
        if (ids.isBlank()) {
            return links;
        }
        try {
            for (String id : ids.split(",")) {
                links.put(
                        id,
                        new LinkState(
                                State.valueOf(p.getProperty(id + ".state")),
                                Instant.parse(p.getProperty(id + ".since")),
                                p.getProperty(id + ".lastError", ""),
                                Long.parseLong(p.getProperty(id + ".forwarded", "0"))));
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
        return links;
    }
}
