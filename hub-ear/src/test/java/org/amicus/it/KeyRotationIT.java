package org.amicus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amicus.messaging.envelope.OrganisationKey;
import org.junit.jupiter.api.Test;

/**
 * The bounded exposure window on a running node, with the rotation period shortened to seconds: the
 * encryption subkey rotates by itself, the old one is shown retired, then destroyed after its grace
 * period, from memory and from the key file; a peer learns each new subkey over federation and keeps
 * reaching the node.
 */
class KeyRotationIT {

    @Test
    void theEncryptionSubkeyRotatesTheRetiredOneIsDestroyedAndPeersFollowWithoutAnOperator() throws Exception {
        Path data = NodeLauncherIT.freshDataDir("rotation");
        Map<String, String> env = Map.of(
                "AMICUS_PASSPHRASE",
                NodeProcess.PASSPHRASE,
                "AMICUS_SERVER_JAVA_OPTS",
                // a minute: the first subkey must still be valid when the peer checks the node's card (with 30 s
                // it once expired in between, on a machine running both suites side by side)
                "-Damicus.identity.subkey-validity=PT60S -Damicus.identity.retired-subkey-grace=PT10S"
                        + " -Damicus.identity.maintenance-interval=PT2S");
        NodeProcess peer = NodeProcess.start(
                NodeLauncherIT.freshDataDir("rotation-peer"),
                ItEnvironment.freePort(),
                ItEnvironment.freePort(),
                false);
        try (peer;
                NodeProcess node = NodeProcess.start(
                                data, ItEnvironment.freePort(), ItEnvironment.freePort(), true, env)
                        .awaitReady()) {
            peer.awaitReady();
            Http.Response added = FederationIT.addPeer(node, peer);
            assertEquals(201, added.status(), added.body());
            added = FederationIT.addPeer(peer, node);
            assertEquals(201, added.status(), added.body());
            String first = subkeys(node).get(0).getString("fingerprint");
            Set<String> statesOfFirst = new HashSet<>();
            boolean rotated = false;
            boolean destroyed = false;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
            while (Instant.now().isBefore(deadline) && !destroyed) {
                List<JsonObject> subkeys = subkeys(node);
                rotated |= subkeys.stream()
                        .anyMatch(s -> !s.getString("fingerprint").equals(first));
                var firstNow = subkeys.stream()
                        .filter(s -> s.getString("fingerprint").equals(first))
                        .findFirst();
                firstNow.ifPresent(s -> statesOfFirst.add(s.getString("state")));
                destroyed = firstNow.isEmpty();
                assertTrue(
                        subkeys.stream().anyMatch(s -> s.getString("state").equals("CURRENT")),
                        "there is always a subkey peers can encrypt to: " + subkeys);
                Thread.sleep(1000);
            }

            assertTrue(rotated, "a new subkey was made before the first expired");
            assertTrue(statesOfFirst.contains("RETIRED"), "the expired subkey was shown retired: " + statesOfFirst);
            assertTrue(destroyed, "the retired subkey was destroyed after its grace period");
            OrganisationKey onDisk = OrganisationKey.read(Files.readAllBytes(data.resolve("keys/organisation.key")));
            assertFalse(
                    onDisk.allEncryptionSubkeys().stream()
                            .anyMatch(s -> s.fingerprint().hex().equals(first)),
                    "gone from the key file too");
            assertTrue(node.serverLog().contains("AMICUS-IDENTITY-004"), "the destruction is logged");

            // the peer learnt each new subkey over federation, with no operator involved, and still reaches
            // the node now that the subkey it first knew is gone
            String current = subkeys(node).stream()
                    .filter(s -> s.getString("state").equals("CURRENT"))
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .getString("fingerprint");
            String fingerprint = Http.get(node.uri("api/v1/identity")).json().getString("fingerprint");
            Instant learnt = Instant.now().plus(Duration.ofSeconds(60));
            while (!Http.get(peer.uri("api/v1/keys/" + fingerprint)).body().contains(current)
                    && Instant.now().isBefore(learnt)) {
                Thread.sleep(500);
            }
            assertTrue(
                    Http.get(peer.uri("api/v1/keys/" + fingerprint)).body().contains(current),
                    "the peer's key directory holds the node's current subkey");
            Http.Response sent = Http.postJson(
                    peer.uri("api/v1/messages"),
                    jakarta.json.Json.createObjectBuilder()
                            .add("to", jakarta.json.Json.createArrayBuilder().add(FederationIT.nodeId(node)))
                            .add("subject", "after the rotation")
                            .add("body", "sealed to the new subkey")
                            .build());
            assertEquals(201, sent.status(), sent.body());
            String id = sent.json().getString("id");
            Instant arrived = Instant.now().plus(Duration.ofSeconds(60));
            Http.Response read = Http.get(node.uri("api/v1/messages/received/" + id));
            while (read.status() != 200 && Instant.now().isBefore(arrived)) {
                Thread.sleep(250);
                read = Http.get(node.uri("api/v1/messages/received/" + id));
            }
            assertEquals(200, read.status(), "the node opened what the peer sealed after the rotation");
            assertEquals("sealed to the new subkey", read.json().getString("body"));
            assertEquals(0, node.stop());
        }
    }

    private static List<JsonObject> subkeys(NodeProcess node) throws Exception {
        return Http.get(node.uri("api/v1/identity")).json().getJsonArray("encryptionSubkeys").stream()
                .map(v -> v.asJsonObject())
                .toList();
    }
}
