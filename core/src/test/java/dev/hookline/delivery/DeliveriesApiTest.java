package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveriesApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    Receiver receiver;
    TestHub hub;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofSeconds(30))).withPostCallTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void theLogPagesNewestFirstWithACursorAndFilters() {
        receiver.answer(r -> r.text().contains("\"call_id\":\"c3\"") ? Answer.status(500) : Answer.ok("ok"));
        String flowA = hub.flow("+15735551111", receiver.url("/a"), "immediate");
        String flowB = hub.flow("+15735552222", receiver.url("/b"), "immediate");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(hub.call("c" + i, i % 2 == 0 ? "+15735551111" : "+15735552222").json().get("delivery_id").asText());
            clock.advance(Duration.ofSeconds(1));
        }
        for (String id : ids) hub.awaitAttempts(id, 1);

        JsonNode page1 = hub.get("/api/v1/webhook-deliveries?limit=2").json();
        assertThat(page1.get("data")).hasSize(2);
        assertThat(page1.at("/data/0/delivery_id").asText()).isEqualTo(ids.get(4));
        assertThat(page1.at("/data/1/delivery_id").asText()).isEqualTo(ids.get(3));
        String cursor = page1.get("next_cursor").asText();
        JsonNode page2 = hub.get("/api/v1/webhook-deliveries?limit=2&cursor=" + cursor).json();
        assertThat(page2.at("/data/0/delivery_id").asText()).isEqualTo(ids.get(2));
        JsonNode page3 = hub.get("/api/v1/webhook-deliveries?limit=2&cursor=" + page2.get("next_cursor").asText()).json();
        assertThat(page3.get("data")).hasSize(1);
        assertThat(page3.get("next_cursor").isNull()).isTrue();

        assertThat(hub.get("/api/v1/webhook-deliveries?call_flow_id=" + flowA).json().get("data")).hasSize(3);
        assertThat(hub.get("/api/v1/webhook-deliveries?call_flow_id=" + flowB).json().get("data")).hasSize(2);
        assertThat(hub.get("/api/v1/webhook-deliveries?call_id=c1").json().at("/data/0/delivery_id").asText()).isEqualTo(ids.get(1));
        JsonNode pending = hub.get("/api/v1/webhook-deliveries?status=pending").json();
        assertThat(pending.get("data")).hasSize(1);
        assertThat(pending.at("/data/0/call_id").asText()).isEqualTo("c3");
        assertThat(hub.get("/api/v1/webhook-deliveries?status=succeeded").json().get("data")).hasSize(4);
    }

    @Test
    void badQueryParametersAreNamed() {
        assertThat(hub.get("/api/v1/webhook-deliveries?status=done").error("field")).isEqualTo("status");
        assertThat(hub.get("/api/v1/webhook-deliveries?limit=0").error("field")).isEqualTo("limit");
        assertThat(hub.get("/api/v1/webhook-deliveries?limit=abc").error("field")).isEqualTo("limit");
        assertThat(hub.get("/api/v1/webhook-deliveries?cursor=not-a-cursor").error("field")).isEqualTo("cursor");
        assertThat(hub.get("/api/v1/webhook-deliveries/nope").status()).isEqualTo(404);
    }

    @Test
    void redeliverCreatesANewDeliveryOfTheSameCall() throws Exception {
        hub.flow("+15735551111", receiver.url("/a"), "immediate");
        String id = hub.call("r1", "+15735551111").json().get("delivery_id").asText();
        receiver.next(WAIT);
        hub.awaitDelivery(id, d -> d.get("status").asText().equals("succeeded"), WAIT);
        var r = hub.post("/api/v1/webhook-deliveries/" + id + "/redeliver", "");
        assertThat(r.status()).isEqualTo(202);
        String again = r.json().get("delivery_id").asText();
        assertThat(again).isNotEqualTo(id);
        assertThat(r.json().get("redelivery_of").asText()).isEqualTo(id);
        JsonNode p = new ObjectMapper().readTree(receiver.next(WAIT).body());
        assertThat(p.get("delivery_id").asText()).isEqualTo(again);
        assertThat(p.get("call_id").asText()).isEqualTo("r1");
        assertThat(p.get("attempt").asInt()).isEqualTo(1);
        assertThat(hub.get("/api/v1/webhook-deliveries?call_id=r1").json().get("data")).hasSize(2);
    }

    @Test
    void testButtonSendsAFullSyntheticSampleWhenTheFlowHasNoCall() {
        receiver.answer(Answer.ok("{\"received\":true}"));
        var created = hub.post("/api/v1/call-flows", "{\"name\":\"t\",\"tracking_numbers\":[\"+15735551111\"],"
                + "\"post_call_webhook\":{\"enabled\":false,\"url\":\"" + receiver.url("/t") + "\"}}");
        String flowId = created.json().get("id").asText();
        var r = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status_code").asInt()).isEqualTo(200);
        assertThat(r.json().get("error").isNull()).isTrue();
        assertThat(r.json().get("response_body").asText()).isEqualTo("{\"received\":true}");
        JsonNode payload = r.json().get("payload");
        Set<String> nulls = new HashSet<>();
        payload.fieldNames().forEachRemaining(k -> {
            if (payload.get(k).isNull()) nulls.add(k);
        });
        assertThat(nulls).as("a synthetic sample fills every field").isEmpty();
        assertThat(payload.size()).isEqualTo(38);
        assertThat(receiver.next(WAIT).path()).isEqualTo("/t");

        JsonNode d = hub.get("/api/v1/webhook-deliveries/" + r.json().get("delivery_id").asText()).json();
        assertThat(d.get("test").asBoolean()).isTrue();
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.get("attempts")).hasSize(1);
    }

    @Test
    void testButtonUsesTheFlowsLatestCallAndReportsAFailure() {
        receiver.answer(Answer.ok("ok"), Answer.status(500));
        hub.flow("+15735551111", receiver.url("/a"), "immediate");
        String flowId = hub.get("/api/v1/call-flows").json().at("/data/0/id").asText();
        String id = hub.call("latest-1", "+15735551111").json().get("delivery_id").asText();
        receiver.next(WAIT);
        hub.awaitDelivery(id, d -> d.get("status").asText().equals("succeeded"), WAIT);
        var r = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/payload/call_id").asText()).isEqualTo("latest-1");
        assertThat(r.json().get("status_code").asInt()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).isEqualTo("HTTP 500");
        JsonNode d = hub.get("/api/v1/webhook-deliveries/" + r.json().get("delivery_id").asText()).json();
        assertThat(d.get("status").asText()).as("a Test is one attempt, never retried").isEqualTo("failed");
    }

    @Test
    void anotherBusinessCannotSeeOrRedeliver() {
        hub.flow("+15735551111", receiver.url("/a"), "immediate");
        String id = hub.call("s1", "+15735551111").json().get("delivery_id").asText();
        TestHub other = hub.as(hub.app().apiKeys().createBusiness("Other")[1]);
        assertThat(other.get("/api/v1/webhook-deliveries").json().get("data")).isEmpty();
        assertThat(other.get("/api/v1/webhook-deliveries/" + id).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/webhook-deliveries/" + id + "/redeliver", "").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/calls/s1").status()).isEqualTo(404);
    }
}
