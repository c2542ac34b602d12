package org.amicus.messaging.envelope;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.amicus.core.platform.control.CanonicalJson;

/**
 * What an envelope says, inside the encryption (docs/protocol/envelope.md §4): type, subject, body, the
 * persons it names (pseudonymous references by default), the manifest of its attachments and its marking
 * (canonical marking JSON as a string, docs/routing.md; empty for the protocol's own documents, which then
 * carry no {@code marking} member at all).
 */
public record InnerDocument(
        String type, String subject, String body, List<Person> persons, List<Attachment> attachments, String marking) {

    private static final Set<String> KEYS = Set.of("header", "type", "subject", "body", "persons", "attachments");
    private static final Set<String> MARKED_KEYS =
            Set.of("header", "type", "subject", "body", "persons", "attachments", "marking");
    private static final int MAX_MARKING = 64 * 1024;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A person the message names: a pseudonymous reference by default, and their role (e.g. witness). */
    public record Person(String ref, String role) {
        public Person {
            requireText(ref, "person ref", 200);
            requireText(role, "person role", 100);
        }
    }

    /** An attachment, bound to this document by its SHA-256 and size (sealed by {@link Attachments}). */
    public record Attachment(String id, String name, String mediaType, long size, String sha256) {
        public Attachment {
            requireText(id, "attachment id", 100);
            requireText(name, "attachment name", 255);
            requireText(mediaType, "attachment media type", 255);
            if (size < 0) {
                throw new IllegalArgumentException("an attachment size cannot be negative");
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("an attachment's sha256 is 64 lower-case hex digits");
            }
        }

        /** What {@link Attachments#open} checks the stream against. */
        public Attachments.Sealed sealed() {
            return new Attachments.Sealed(sha256, size);
        }
    }

    public InnerDocument(String type, String subject, String body) {
        this(type, subject, body, List.of(), List.of(), "");
    }

    public InnerDocument(String type, String subject, String body, List<Person> persons, List<Attachment> attachments) {
        this(type, subject, body, persons, attachments, "");
    }

    public InnerDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        persons = List.copyOf(persons);
        attachments = List.copyOf(attachments);
        marking = marking == null ? "" : marking;
        if (marking.length() > MAX_MARKING) {
            throw new IllegalArgumentException("a marking is at most " + MAX_MARKING + " characters");
        }
    }

    /** The same document with {@code marking} (canonical marking JSON). */
    public InnerDocument withMarking(String marking) {
        return new InnerDocument(type, subject, body, persons, attachments, marking);
    }

    /** Canonical JSON (RFC 8785: sorted keys) with the hash of the outer header that binds it. */
    byte[] toBytes(String headerSha256) {
        StringBuilder sb = new StringBuilder(128 + subject.length() + body.length() + 160 * attachments.size());
        sb.append("{\"attachments\":[");
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"id\":");
            CanonicalJson.appendString(sb, a.id());
            sb.append(",\"mediaType\":");
            CanonicalJson.appendString(sb, a.mediaType());
            sb.append(",\"name\":");
            CanonicalJson.appendString(sb, a.name());
            sb.append(",\"sha256\":");
            CanonicalJson.appendString(sb, a.sha256());
            sb.append(",\"size\":").append(a.size()).append('}');
        }
        sb.append("],\"body\":");
        CanonicalJson.appendString(sb, body);
        sb.append(",\"header\":");
        CanonicalJson.appendString(sb, headerSha256);
        if (!marking.isEmpty()) {
            sb.append(",\"marking\":");
            CanonicalJson.appendString(sb, marking);
        }
        sb.append(",\"persons\":[");
        for (int i = 0; i < persons.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"ref\":");
            CanonicalJson.appendString(sb, persons.get(i).ref());
            sb.append(",\"role\":");
            CanonicalJson.appendString(sb, persons.get(i).role());
            sb.append('}');
        }
        sb.append("],\"subject\":");
        CanonicalJson.appendString(sb, subject);
        sb.append(",\"type\":");
        CanonicalJson.appendString(sb, type);
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The document and the header hash it carries. */
    record Bound(InnerDocument document, String headerSha256) {}

    /**
     * One reader factory for the process: {@code Json.createReader} looks the provider up through the
     * service loader on every call, which scanned the class path once per envelope (a profiled hot spot).
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());

    static Bound parse(byte[] bytes) throws EnvelopeRejectedException {
        JsonObject o;
        try (var reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw malformed("the inner document is not JSON");
        }
        if (!o.keySet().equals(KEYS) && !o.keySet().equals(MARKED_KEYS)) {
            throw malformed("the inner document does not have the expected fields");
        }
        try {
            List<Person> persons = new ArrayList<>();
            for (JsonValue v : array(o, "persons")) {
                JsonObject p = exactly(v, Set.of("ref", "role"));
                persons.add(new Person(string(p, "ref"), string(p, "role")));
            }
            List<Attachment> attachments = new ArrayList<>();
            for (JsonValue v : array(o, "attachments")) {
                JsonObject a = exactly(v, Set.of("id", "name", "mediaType", "size", "sha256"));
                if (!(a.get("size") instanceof JsonNumber size) || !size.isIntegral()) {
                    throw malformed("an attachment size is not a whole number");
                }
                attachments.add(new Attachment(
                        string(a, "id"),
                        string(a, "name"),
                        string(a, "mediaType"),
                        size.longValueExact(),
                        string(a, "sha256")));
            }
            return new Bound(
                    new InnerDocument(
                            string(o, "type"),
                            string(o, "subject"),
                            string(o, "body"),
                            persons,
                            attachments,
                            o.containsKey("marking") ? nonEmpty(string(o, "marking")) : ""),
                    string(o, "header"));
        } catch (IllegalArgumentException | ArithmeticException | ClassCastException e) {
            throw malformed("the inner document has a field of the wrong kind");
        }
    }

    private static JsonArray array(JsonObject o, String key) throws EnvelopeRejectedException {
        if (!(o.get(key) instanceof JsonArray a)) {
            throw malformed("\"" + key + "\" is not a list");
        }
        return a;
    }

    private static JsonObject exactly(JsonValue v, Set<String> keys) throws EnvelopeRejectedException {
        if (!(v instanceof JsonObject o) || !o.keySet().equals(keys)) {
            throw malformed("an entry does not have the expected fields");
        }
        return o;
    }

    private static String string(JsonObject o, String key) {
        return ((JsonString) o.get(key)).getString();
    }

    private static String nonEmpty(String marking) {
        if (marking.isEmpty()) {
            throw new IllegalArgumentException("an empty marking is written by leaving the member out");
        }
        return marking;
    }

    private static void requireText(String value, String what, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(what + " must be 1 to " + max + " characters");
        }
    }

    private static EnvelopeRejectedException malformed(String reason) {
        return new EnvelopeRejectedException(EnvelopeRejectedException.Kind.MALFORMED, reason);
    }

    @Override
    public String toString() {
        // never print content or names
        return "InnerDocument[type=" + type + ", attachments=" + attachments.size() + "]";
    }
}
