package org.amicus.messaging.envelope;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * What an envelope says, inside the encryption (docs/protocol/envelope.md §4). Today type, subject and
 * body; markings, persons and the attachment manifest join with issues 5 and 6.
 */
public record InnerDocument(String type, String subject, String body) {

    private static final Set<String> KEYS = Set.of("header", "type", "subject", "body");

    public InnerDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** Canonical JSON with the hash of the outer header that binds it. */
    byte[] toBytes(String headerSha256) {
        StringBuilder sb = new StringBuilder(64 + subject.length() + body.length());
        sb.append("{\"body\":");
        CanonicalJson.appendString(sb, body);
        sb.append(",\"header\":");
        CanonicalJson.appendString(sb, headerSha256);
        sb.append(",\"subject\":");
        CanonicalJson.appendString(sb, subject);
        sb.append(",\"type\":");
        CanonicalJson.appendString(sb, type);
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The document and the header hash it carries. */
    record Bound(InnerDocument document, String headerSha256) {}

    static Bound parse(byte[] bytes) throws EnvelopeRejectedException {
        JsonObject o;
        try (var reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new EnvelopeRejectedException(
                    EnvelopeRejectedException.Kind.MALFORMED, "the inner document is not JSON");
        }
        if (!o.keySet().equals(KEYS)
                || !o.values().stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING)) {
            throw new EnvelopeRejectedException(
                    EnvelopeRejectedException.Kind.MALFORMED, "the inner document does not have the expected fields");
        }
        return new Bound(
                new InnerDocument(string(o, "type"), string(o, "subject"), string(o, "body")), string(o, "header"));
    }

    private static String string(JsonObject o, String key) {
        return ((JsonString) o.get(key)).getString();
    }

    @Override
    public String toString() {
        // never print content
        return "InnerDocument[type=" + type + "]";
    }
}
