package org.amicus.messaging.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amicus.core.identity.entity.Fingerprint;

/**
 * The outer header of an envelope: only what routing needs (docs/protocol/envelope.md §3), in one
 * canonical byte form (RFC 8785 for this fixed schema). Parsing is strict: the bytes must be exactly
 * the canonical form of the values they carry, so a header has one encoding and its SHA-256 binds it.
 */
public record EnvelopeHeader(
        UUID id,
        Fingerprint from,
        String fromNode,
        List<Fingerprint> to,
        List<String> toNodes,
        Instant created,
        Instant expires,
        Priority priority) {

    public static final int VERSION = 1;
    public static final int MAX_RECIPIENTS = 1_000;

    private static final Pattern NODE_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final Pattern CANONICAL = Pattern.compile("\\{\"created\":\"([^\"]*)\",\"expires\":\"([^\"]*)\","
            + "\"from\":\"([^\"]*)\",\"fromNode\":\"([^\"]*)\",\"id\":\"([^\"]*)\",\"priority\":\"([^\"]*)\","
            + "\"to\":\\[([^\\]]*)\\],\"toNodes\":\\[([^\\]]*)\\],\"v\":([0-9]+)\\}");

    public EnvelopeHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(priority, "priority");
        requireNodeId(fromNode);
        to = List.copyOf(to);
        toNodes = List.copyOf(toNodes);
        if (to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("an envelope has 1 to " + MAX_RECIPIENTS + " recipients");
        }
        if (!isSortedAndUnique(to.stream().map(Fingerprint::hex).toList())) {
            throw new IllegalArgumentException("recipients must be sorted and unique");
        }
        if (toNodes.isEmpty() || !isSortedAndUnique(toNodes)) {
            throw new IllegalArgumentException("recipient nodes must be given, sorted and unique");
        }
        toNodes.forEach(EnvelopeHeader::requireNodeId);
        created = created.truncatedTo(ChronoUnit.MILLIS);
        expires = expires.truncatedTo(ChronoUnit.MILLIS);
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("an envelope must expire after it is created");
        }
    }

    /** The canonical bytes: what travels, and what the inner document's hash covers. */
    public byte[] canonicalBytes() {
        StringBuilder sb = new StringBuilder(256 + 45 * to.size());
        sb.append("{\"created\":\"")
                .append(TIME.format(created))
                .append("\",\"expires\":\"")
                .append(TIME.format(expires))
                .append("\",\"from\":\"")
                .append(from.hex())
                .append("\",\"fromNode\":\"")
                .append(fromNode)
                .append("\",\"id\":\"")
                .append(id)
                .append("\",\"priority\":\"")
                .append(priority.wire())
                .append("\",\"to\":[");
        appendStrings(sb, to.stream().map(Fingerprint::hex).toList());
        sb.append("],\"toNodes\":[");
        appendStrings(sb, toNodes);
        sb.append("],\"v\":").append(VERSION).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses header bytes. Anything but the canonical form of valid values is {@code malformed}; a
     * well-formed header of another version is {@code unsupported-version}.
     */
    public static EnvelopeHeader parse(byte[] bytes) throws EnvelopeRejectedException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Matcher m = CANONICAL.matcher(text);
        if (!m.matches()) {
            throw malformed("the header is not canonical JSON of the expected fields");
        }
        if (!m.group(9).equals(Integer.toString(VERSION))) {
            throw new EnvelopeRejectedException(
                    EnvelopeRejectedException.Kind.UNSUPPORTED_VERSION, "header version " + m.group(9));
        }
        EnvelopeHeader header;
        try {
            header = new EnvelopeHeader(
                    UUID.fromString(m.group(5)),
                    new Fingerprint(m.group(3)),
                    m.group(4),
                    strings(m.group(7)).stream().map(Fingerprint::new).toList(),
                    strings(m.group(8)),
                    Instant.from(TIME.parse(m.group(1))),
                    Instant.from(TIME.parse(m.group(2))),
                    Priority.fromWire(m.group(6)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed("a header field is invalid");
        }
        if (!java.util.Arrays.equals(header.canonicalBytes(), bytes)) {
            throw malformed("the header is not in canonical form");
        }
        return header;
    }

    private static List<String> strings(String list) throws EnvelopeRejectedException {
        List<String> out = new ArrayList<>();
        if (list.isEmpty()) {
            return out;
        }
        for (String item : list.split(",", -1)) {
            if (item.length() < 2 || item.charAt(0) != '"' || item.charAt(item.length() - 1) != '"') {
                throw malformed("a header list is malformed");
            }
            out.add(item.substring(1, item.length() - 1));
        }
        return out;
    }

    private static void appendStrings(StringBuilder sb, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(items.get(i)).append('"');
        }
    }

    private static boolean isSortedAndUnique(List<String> items) {
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i - 1).compareTo(items.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireNodeId(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("a node id is a lower-case UUID");
        }
    }

    private static EnvelopeRejectedException malformed(String reason) {
        return new EnvelopeRejectedException(EnvelopeRejectedException.Kind.MALFORMED, reason);
    }
}
