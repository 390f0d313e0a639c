package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Make plugin end to end against a custom-webhook emulator. */
class MakeDeliveryIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;
    TestHub hub;
    MakeEmulator make;

    @BeforeEach
    void start() {
        hub = Hubs.start(dir);
        make = new MakeEmulator();
    }

    @AfterEach
    void stop() {
        hub.close();
        make.close();
    }

    @Test
    void aProtectedHookGetsTheApiKeyAndAcceptedIsSuccess() throws Exception {
        make.protectWith("mk-secret-1");
        Reply saved = Hubs.flow(hub, "+15735551234", "make", make.url(), "{\"api_key\": \"mk-secret-1\"}");
        assertThat(saved.json().at("/post_call_webhook/warnings/0").asText()).contains("hook.<zone>.make.com");
        String deliveryId = Hubs.call(hub, "call-make-1", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.at("/attempts/0/response_body").asText()).isEqualTo("Accepted");
        assertThat(make.requests().get(0).header("x-make-apikey")).isEqualTo("mk-secret-1");
        JsonNode body = MAPPER.readTree(make.requests().get(0).text());
        assertThat(body.size()).isEqualTo(38);
        assertThat(body.has("utm_term")).isTrue();
    }

    @Test
    void aWrongKeyIsRetriedThenFails() {
        make.protectWith("the-right-key");
        Hubs.flow(hub, "+15735551234", "make", make.url(), "{\"api_key\": \"a-wrong-key\"}");
        String deliveryId = Hubs.call(hub, "call-make-401", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("failed");
        assertThat(d.get("attempts")).hasSize(3);
        assertThat(d.get("last_error").asText()).isEqualTo("HTTP 401 Unauthorized");
    }

    @Test
    void theTestSampleIsFullSoMakeCanDetermineTheDataStructure() throws Exception {
        String flowId = Hubs.flow(hub, "+15735551234", "make", make.url(), "{}").json().get("id").asText();
        Reply sparse = hub.post("/api/v1/calls", """
                {"call_id": "sparse", "tracking_number": "+15735551234", "caller_number": "+15550001111", "status": "busy"}""");
        Hubs.finished(hub, sparse.json().get("delivery_id").asText());

        Reply test = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "{}");
        assertThat(test.json().get("status_code").asInt()).isEqualTo(200);
        assertThat(test.json().get("response_body").asText()).isEqualTo("Accepted");
        JsonNode sent = MAPPER.readTree(make.requests().get(make.requests().size() - 1).text());
        assertThat(sent.size()).isEqualTo(38);
        sent.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isFalse());
    }
}
