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
 * period, from memory and from the key file.
 */
class KeyRotationIT {

    @Test
    void theEncryptionSubkeyRotatesAndTheRetiredOneIsDestroyedAfterItsGracePeriod() throws Exception {
        Path data = NodeLauncherIT.freshDataDir("rotation");
        Map<String, String> env = Map.of(
                "AMICUS_PASSPHRASE",
                NodeProcess.PASSPHRASE,
                "AMICUS_SERVER_JAVA_OPTS",
                "-Damicus.identity.subkey-validity=PT30S -Damicus.identity.retired-subkey-grace=PT10S"
                        + " -Damicus.identity.maintenance-interval=PT2S");
        try (NodeProcess node = NodeProcess.start(data, ItEnvironment.freePort(), ItEnvironment.freePort(), true, env)
                .awaitReady()) {
            String first = subkeys(node).get(0).getString("fingerprint");
            Set<String> statesOfFirst = new HashSet<>();
            boolean rotated = false;
            boolean destroyed = false;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
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
            assertEquals(0, node.stop());
        }
    }

    private static List<JsonObject> subkeys(NodeProcess node) throws Exception {
        return Http.get(node.uri("api/v1/identity")).json().getJsonArray("encryptionSubkeys").stream()
                .map(v -> v.asJsonObject())
                .toList();
    }
}
