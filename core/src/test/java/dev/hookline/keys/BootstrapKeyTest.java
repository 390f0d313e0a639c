package dev.hookline.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HOOKLINE_API_KEY is the default business's bootstrap key: changing it replaces the old one, and revoking it sticks. */
class BootstrapKeyTest {
    static final String FIRST = "hk_first_bootstrap_key_0123456789";
    static final String SECOND = "hk_second_bootstrap_key_0123456789";

    @Test
    void aChangedBootstrapKeyReplacesTheOldOne(@TempDir Path dir) {
        try (TestHub hub = start(dir, FIRST)) {
            assertThat(hub.as(FIRST).get("/api/v1/call-flows").status()).isEqualTo(200);
        }
        try (TestHub hub = start(dir, SECOND)) {
            assertThat(hub.as(SECOND).get("/api/v1/call-flows").status()).isEqualTo(200);
            assertThat(hub.as(FIRST).get("/api/v1/call-flows").status()).isEqualTo(401);
            assertThat(hub.as(SECOND).get("/api/v1/api-keys").json().get("data")).hasSize(1);
        }
        // going back to the first key does not bring it back
        try (TestHub hub = start(dir, FIRST)) {
            assertThat(hub.as(FIRST).get("/api/v1/call-flows").status()).isEqualTo(401);
            assertThat(hub.as(SECOND).get("/api/v1/call-flows").status()).isEqualTo(200);
        }
    }

    @Test
    void keysMadeThroughTheApiOutliveABootstrapChange(@TempDir Path dir) {
        String made;
        try (TestHub hub = start(dir, FIRST)) {
            made = hub.as(FIRST).post("/api/v1/api-keys", "{\"name\": \"ci\"}").json().get("key").asText();
        }
        try (TestHub hub = start(dir, SECOND)) {
            assertThat(hub.as(made).get("/api/v1/call-flows").status()).isEqualTo(200);
        }
    }

    @Test
    void aBootstrapKeyRevokedThroughTheApiIsNotRestoredAtStart(@TempDir Path dir) {
        String other;
        try (TestHub hub = start(dir, FIRST)) {
            other = hub.as(FIRST).post("/api/v1/api-keys", "{\"name\": \"replacement\"}").json().get("key").asText();
            String bootstrapId = hub.as(other).get("/api/v1/api-keys").json().at("/data/0/id").asText();
            assertThat(hub.as(other).delete("/api/v1/api-keys/" + bootstrapId).status()).isEqualTo(204);
        }
        try (TestHub hub = start(dir, FIRST)) {
            assertThat(hub.as(FIRST).get("/api/v1/call-flows").status()).isEqualTo(401);
            assertThat(hub.as(other).get("/api/v1/call-flows").status()).isEqualTo(200);
        }
    }

    private static TestHub start(Path dir, String key) {
        return TestHub.start(dir, Clock.systemUTC(), c -> c.withApiKey(key));
    }
}
