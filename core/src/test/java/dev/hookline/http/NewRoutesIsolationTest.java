package dev.hookline.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route added with keys, rotation and the bounded Test button: another business's key gets 404 and changes nothing. */
class NewRoutesIsolationTest {

    @Test
    void anotherBusinessGets404OnEveryNewRoute(@TempDir Path dir) {
        try (TestHub hub = TestHub.start(dir)) {
            String flow = hub.flow("+15735550001", "https://example.com/hook", "immediate");
            String secret = hub.get("/api/v1/call-flows/" + flow).json().at("/post_call_webhook/signing_secret").asText();
            String keyId = hub.post("/api/v1/api-keys", "{\"name\": \"mine\"}").json().get("id").asText();
            TestHub other = hub.as(hub.app().apiKeys().createBusiness("Other")[1]);

            Reply rotate = other.post("/api/v1/call-flows/" + flow + "/post-call-webhook/rotate-secret", "");
            Reply test = other.post("/api/v1/call-flows/" + flow + "/post-call-webhook/test", "");
            Reply revoke = other.delete("/api/v1/api-keys/" + keyId);
            for (Reply r : new Reply[] {rotate, test, revoke}) {
                assertThat(r.status()).as(r.body()).isEqualTo(404);
                assertThat(r.body()).doesNotContain(flow.substring(0, 8) + "\"").doesNotContain("whsec_");
            }
            assertThat(other.get("/api/v1/api-keys").body()).doesNotContain(keyId);

            assertThat(hub.get("/api/v1/call-flows/" + flow).json().at("/post_call_webhook/signing_secret").asText()).isEqualTo(secret);
            assertThat(hub.get("/api/v1/api-keys").body()).contains(keyId);
            assertThat(hub.get("/api/v1/webhook-deliveries").json().get("data")).as("no Test ran").isEmpty();
        }
    }
}
