package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** People of a node as the tests make them: added by the operator, signed in with password and TOTP code. */
final class TestPeople {

    static final String PASSWORD = "river stone lantern moss";

    private TestPeople() {}

    /** What a person is handed when added: their id, username, password and authenticator secret. */
    record Person(String id, String username, String password, String totpSecret) {}

    record Session(int status, String token, JsonObject body) {}

    /** The operator adds a person with one role at the API under {@code api} ({@code …/api/v1/}). */
    static Person add(URI api, String role) throws Exception {
        String username =
                role.replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Response r = Http.postJson(api.resolve("people"), person(username, role, PASSWORD));
        assertEquals(201, r.status(), r.body());
        JsonObject e = r.json();
        return new Person(e.getJsonObject("person").getString("id"), username, PASSWORD, e.getString("totpSecret"));
    }

    static Session signIn(URI api, Person p, String code) throws Exception {
        Http.Response r = Http.anonymous(java.net.http.HttpRequest.newBuilder(api.resolve("sessions"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        login(p.username(), p.password(), code).toString())));
        JsonObject body = r.json();
        return new Session(r.status(), r.status() == 201 ? body.getString("token") : null, body);
    }

    static JsonObject login(String username, String password, String code) {
        return Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .add("code", code)
                .build();
    }

    static JsonObject person(String username, String role, String password) {
        return Json.createObjectBuilder()
                .add("username", username)
                .add("displayName", "Test " + username)
                .add("roles", Json.createArrayBuilder().add(role))
                .add("password", password)
                .build();
    }

    /** The code the person's authenticator app shows now ({@code ahead} = 1: the next one). */
    static String code(Person p, int ahead) throws Exception {
        long step = Instant.now().getEpochSecond() / 30 + ahead;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(base32(p.totpSecret()), "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[19] & 0xf;
        int v = (((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff))
                % 1_000_000;
        return String.format("%06d", v);
    }

    private static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
