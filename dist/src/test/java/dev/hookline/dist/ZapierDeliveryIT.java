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

/** The bundled Zapier plugin end to end against a Catch Hook emulator. */
class ZapierDeliveryIT {
    static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;
    TestHub hub;
    ZapierEmulator zapier;

    @BeforeEach
    void start() {
        hub = Hubs.start(dir);
        zapier = new ZapierEmulator();
    }

    @AfterEach
    void stop() {
        hub.close();
        zapier.close();
    }

    @Test
    void aCallArrivesAsAFlatBodyAndZapiersQueuedAnswerIsSuccess() throws Exception {
        Hubs.flow(hub, "+15735551234", "zapier", zapier.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-zap-1", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(MAPPER.readTree(d.at("/attempts/0/response_body").asText()).get("status").asText()).isEqualTo("success");

        JsonNode body = MAPPER.readTree(zapier.requests().get(0).text());
        assertThat(body.size()).isEqualTo(38);
        body.fields().forEachRemaining(f -> assertThat(f.getValue().isValueNode()).as(f.getKey()).isTrue());
        assertThat(body.get("delivery_id").asText()).isEqualTo(deliveryId);
        assertThat(body.get("caller_number").asText()).isEqualTo("+13055559876");
        assertThat(body.get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void theTestButtonSendsEveryFieldFilledSoTheZapLearnsThemAll() throws Exception {
        String flowId = Hubs.flow(hub, "+15735551234", "zapier", zapier.url(), "{}").json().get("id").asText();
        // a sparse real call: the Test sample starts from it
        Reply call = hub.post("/api/v1/calls", """
                {"call_id": "sparse", "tracking_number": "+15735551234", "caller_number": "+15550001111", "status": "no-answer"}""");
        assertThat(call.status()).isEqualTo(201);
        Hubs.finished(hub, call.json().get("delivery_id").asText());

        Reply test = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "{}");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("status_code").asInt()).isEqualTo(200);
        JsonNode sent = MAPPER.readTree(zapier.requests().get(zapier.requests().size() - 1).text());
        assertThat(sent.get("caller_number").asText()).isEqualTo("+15550001111");
        assertThat(sent.get("event").asText()).isEqualTo("call.missed");
        sent.fields().forEachRemaining(f -> assertThat(f.getValue().isNull()).as(f.getKey()).isFalse());
        assertThat(sent.get("ai_score").isNumber()).isTrue();
        assertThat(sent.get("qualified_ai").isBoolean()).isTrue();
    }

    @Test
    void rateLimitedRequestsAreRetried() {
        zapier.rateLimitNext(null).rateLimitNext("0");
        Hubs.flow(hub, "+15735551234", "zapier", zapier.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-zap-429", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.get("attempts")).hasSize(3);
        assertThat(d.at("/attempts/0/error").asText()).contains("429").contains("rate limited");
        assertThat(d.at("/attempts/1/status_code").asInt()).isEqualTo(429);
        assertThat(zapier.requests()).extracting(r -> r.header("webhook-id")).containsOnly(deliveryId);
    }
}
