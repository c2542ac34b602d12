package org.amicus.web.federation;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;
import org.amicus.web.problem.InvalidInputException;

/** Strict reading of request values; every failure names the value. */
final class Input {

    private Input() {}

    static String requiredText(JsonObject body, String name, int max) {
        if (body == null) {
            throw new InvalidInputException("the request needs a JSON object body");
        }
        JsonValue value = body.get(name);
        if (!(value instanceof JsonString text) || text.getString().isBlank()) {
            throw new InvalidInputException("\"" + name + "\" is required");
        }
        String s = text.getString();
        if (s.length() > max) {
            throw new InvalidInputException("\"" + name + "\" must be at most " + max + " characters");
        }
        return s;
    }

    static String printable(JsonObject body, String name, int max) {
        String s = requiredText(body, name, max).strip();
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("\"" + name + "\" must be printable characters");
        }
        return s;
    }

    static NodeId node(String text) {
        try {
            return NodeId.parse(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("a node id is a UUID such as GET /api/v1/node shows, got '" + text + "'");
        }
    }

    static Fingerprint fingerprint(String text) {
        try {
            return Fingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("a fingerprint is 40 hexadecimal digits (spaces allowed)");
        }
    }

    static java.util.UUID uuid(String text, String what) {
        try {
            return org.amicus.core.node.entity.Uuids.parseCanonical(text, what);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " is a UUID, got '" + text + "'");
        }
    }

    /** Where an export continues: an envelope id or a part of a file's name (the last entry of an earlier bundle). */
    static org.amicus.core.federation.control.BundleAnchor anchor(String text, String what) {
        try {
            return org.amicus.core.federation.control.BundleAnchor.parse(text, what);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + "; got '" + text + "'");
        }
    }
}
