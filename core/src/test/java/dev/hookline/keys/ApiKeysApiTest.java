package dev.hookline.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A business creates, lists and revokes its own keys; a revoked key stops at once; nobody else's key is reachable. */
class ApiKeysApiTest {
    @TempDir Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir, clock, c -> c);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aCreatedKeyIsShownOnceWorksAndIsListedByPrefix() {
        Reply created = hub.post("/api/v1/api-keys", "{\"name\": \"CI\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        assertThat(key).startsWith("hk_").hasSizeGreaterThan(40);
        assertThat(created.json().get("name").asText()).isEqualTo("CI");
        assertThat(created.json().get("created_at").asText()).isEqualTo("2026-03-01T12:00:00Z");

        clock.advance(Duration.ofMinutes(5));
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(200);

        Reply list = hub.get("/api/v1/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key);
        JsonNode mine = find(list.json().get("data"), id);
        assertThat(mine.get("name").asText()).isEqualTo("CI");
        assertThat(mine.get("prefix").asText()).isEqualTo(key.substring(0, 10));
        assertThat(mine.get("last_used_at").asText()).isEqualTo("2026-03-01T12:05:00Z");
        assertThat(mine.has("key")).isFalse();
        // the bootstrap key is listed too, with its use by this very request
        assertThat(list.json().get("data")).hasSize(2);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String[] made = createKey("temp");
        String id = made[0], key = made[1];
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(200); // now cached as verified

        Reply deleted = hub.delete("/api/v1/api-keys/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(401);
        assertThat(hub.get("/api/v1/api-keys").json().get("data")).extracting(n -> n.get("id").asText()).doesNotContain(id);
        assertThat(hub.delete("/api/v1/api-keys/" + id).status()).as("already revoked").isEqualTo(404);
    }

    @Test
    void aKeyRevokedElsewhereStopsWorkingWithinTheRecheck() {
        String[] made = createKey("shared store");
        String id = made[0], key = made[1];
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(200);
        // another instance on the same store revokes it: this one's cache does not know
        hub.app().store().keys().revoke(hub.app().defaultBusinessId(), id, clock.millis());
        clock.advance(Duration.ofSeconds(11));
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(401);
    }

    @Test
    void theLastKeyOfABusinessCannotBeRevoked() {
        String[] other = hub.app().apiKeys().createBusiness("Solo");
        TestHub solo = hub.as(other[1]);
        String onlyKey = solo.get("/api/v1/api-keys").json().at("/data/0/id").asText();
        Reply refused = solo.delete("/api/v1/api-keys/" + onlyKey);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error("message")).contains("last API key");
        assertThat(solo.get("/api/v1/call-flows").status()).isEqualTo(200);

        // with a second key the first can go, even the one making the request
        String second = solo.post("/api/v1/api-keys", "{\"name\": \"second\"}").json().get("key").asText();
        assertThat(solo.delete("/api/v1/api-keys/" + onlyKey).status()).isEqualTo(204);
        assertThat(solo.get("/api/v1/call-flows").status()).isEqualTo(401);
        assertThat(hub.as(second).get("/api/v1/call-flows").status()).isEqualTo(200);
    }

    @Test
    void anotherBusinessSeesAndRevokesNoneOfTheseKeys() {
        String id = hub.post("/api/v1/api-keys", "{\"name\": \"mine\"}").json().get("id").asText();
        TestHub other = hub.as(hub.app().apiKeys().createBusiness("Other")[1]);
        assertThat(other.get("/api/v1/api-keys").json().get("data")).extracting(n -> n.get("id").asText()).doesNotContain(id);
        assertThat(other.get("/api/v1/api-keys").json().get("data")).hasSize(1);
        assertThat(other.delete("/api/v1/api-keys/" + id).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/api-keys").json().get("data")).extracting(n -> n.get("id").asText()).contains(id);
    }

    @Test
    void aBadBodyIsA400NamingTheField() {
        Reply missing = hub.post("/api/v1/api-keys", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error("field")).isEqualTo("name");
        Reply unknown = hub.post("/api/v1/api-keys", "{\"name\": \"x\", \"scope\": \"all\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error("field")).isEqualTo("scope");
        assertThat(hub.post("/api/v1/api-keys", "{\"name\": \"" + "n".repeat(201) + "\"}").error("field")).isEqualTo("name");
        assertThat(hub.withoutKey().post("/api/v1/api-keys", "{\"name\": \"x\"}").status()).isEqualTo(401);
    }

    @Test
    void lastUseIsStoredInBatchesAndSurvivesARestart() {
        clock.advance(Duration.ofHours(1));
        assertThat(hub.get("/api/v1/call-flows").status()).isEqualTo(200);
        hub.close();
        hub = TestHub.start(dir, clock, c -> c);
        List<String> uses = new ArrayList<>();
        hub.app().store().keys().activeKeys(hub.app().defaultBusinessId())
                .forEach(r -> uses.add(String.valueOf(r.lastUsedAt())));
        assertThat(uses).containsExactly(Long.toString(Instant.parse("2026-03-01T13:00:00Z").toEpochMilli()));
    }

    /** Creates a key of the default business; returns its id and the key. */
    private String[] createKey(String name) {
        Reply r = hub.post("/api/v1/api-keys", "{\"name\": \"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new String[] {r.json().get("id").asText(), r.json().get("key").asText()};
    }

    private static JsonNode find(JsonNode data, String id) {
        for (JsonNode n : data) if (n.get("id").asText().equals(id)) return n;
        throw new AssertionError("no key " + id + " in " + data);
    }
}
