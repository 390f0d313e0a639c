package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redeliver goes the way the flow sends today, as the same message; deleting a flow ends its pending deliveries. */
class RedeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    Receiver receiver;
    TestHub hub;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofSeconds(30))).withPostCallTimeout(Duration.ofSeconds(1))
                .withAiWaitTimeout(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    static String flow(String number, String url, String mode, String key) {
        return """
                {"name": "CRM %s", "tracking_numbers": ["%s"],
                 "post_call_webhook": {"url": "%s", "firing_mode": "%s", "headers": {"X-Api-Key": "%s"}}}""".formatted(key, number, url, mode, key);
    }

    @Test
    void redeliverAfterAUrlChangeReachesTheNewUrlAsTheSameMessage() throws Exception {
        Receiver gone = Receiver.start();
        String brokenUrl = gone.url("/old");
        gone.close();
        Reply created = hub.post("/api/v1/call-flows", flow("+15735551234", brokenUrl, "immediate", "old-key-0001"));
        String flowId = created.json().get("id").asText();
        String secret = created.json().at("/post_call_webhook/signing_secret").asText();
        String original = hub.call("moved-1", "+15735551234").json().get("delivery_id").asText();
        hub.awaitAttempts(original, 1);
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        JsonNode failed = hub.awaitDelivery(original, d -> d.get("status").asText().equals("failed"), WAIT);
        assertThat(failed.get("last_error").asText()).isEqualTo("connection refused");

        // the user fixes the URL and the key, then presses redeliver
        assertThat(hub.put("/api/v1/call-flows/" + flowId, flow("+15735551234", receiver.url("/new"), "immediate", "new-key-0002")
                .replace("CRM new-key-0002", "Renamed")).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(5)); // meanwhile the pause of the host that refused connections ends
        Reply again = hub.post("/api/v1/webhook-deliveries/" + original + "/redeliver", "");
        assertThat(again.status()).isEqualTo(202);
        String redelivery = again.json().get("delivery_id").asText();
        assertThat(again.json().get("redelivery_of").asText()).isEqualTo(original);
        assertThat(again.json().get("message_id").asText()).isEqualTo(original);
        assertThat(again.json().get("url").asText()).isEqualTo(receiver.url("/new"));

        Receiver.Received got = receiver.next(WAIT);
        JsonNode p = JSON.readTree(got.body());
        assertThat(got.path()).isEqualTo("/new");
        assertThat(got.header("webhook-id")).as("the message id a receiver drops duplicates by").isEqualTo(original);
        assertThat(p.get("delivery_id").asText()).isEqualTo(redelivery);
        assertThat(p.get("call_flow_name").asText()).isEqualTo("Renamed");
        assertThat(got.header("x-api-key")).isEqualTo("new-key-0002");
        assertThat(got.header("webhook-signature")).isEqualTo(CustomHeadersDeliveryTest.sign(secret, got));
        hub.awaitDelivery(redelivery, d -> d.get("status").asText().equals("succeeded"), WAIT);

        // a redelivery of the redelivery is still the same message
        String third = hub.post("/api/v1/webhook-deliveries/" + redelivery + "/redeliver", "").json().get("delivery_id").asText();
        Receiver.Received onceMore = receiver.next(WAIT);
        assertThat(onceMore.header("webhook-id")).isEqualTo(original);
        assertThat(JSON.readTree(onceMore.body()).get("delivery_id").asText()).isEqualTo(third);
    }

    @Test
    void deletingAFlowEndsItsPendingDeliveriesAndTheyCannotBeSentAgain() {
        receiver.answer(r -> r.path().equals("/retry") ? Answer.status(500) : Answer.ok("ok"));
        String waiting = hub.post("/api/v1/call-flows", flow("+15735550001", receiver.url("/wait"), "wait_for_ai", "k-wait-0001"))
                .json().get("id").asText();
        String retrying = hub.post("/api/v1/call-flows", flow("+15735550002", receiver.url("/retry"), "immediate", "k-retry-0002"))
                .json().get("id").asText();
        String waitingId = hub.call("del-1", "+15735550001").json().get("delivery_id").asText();
        String retryingId = hub.call("del-2", "+15735550002").json().get("delivery_id").asText();
        assertThat(receiver.next(WAIT).path()).isEqualTo("/retry");
        hub.awaitAttempts(retryingId, 1);

        assertThat(hub.delete("/api/v1/call-flows/" + waiting).status()).isEqualTo(204);
        assertThat(hub.delete("/api/v1/call-flows/" + retrying).status()).isEqualTo(204);
        for (String id : List.of(waitingId, retryingId)) {
            JsonNode d = hub.get("/api/v1/webhook-deliveries/" + id).json();
            assertThat(d.get("status").asText()).as(id).isEqualTo("failed");
            assertThat(d.get("last_error").asText()).isEqualTo("call flow deleted");
            assertThat(d.get("next_attempt_at").isNull()).isTrue();
            assertThat(d.get("completed_at").isNull()).isFalse();
        }

        hub.post("/api/v1/calls/del-1/analysis", "{\"ai_score\": 90}");
        clock.advance(Duration.ofMinutes(10));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(400))).as("neither the retry nor the Wait-for-AI fallback fires").isNull();

        Reply refused = hub.post("/api/v1/webhook-deliveries/" + retryingId + "/redeliver", "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.error("message")).contains("deleted");
        assertThat(hub.post("/api/v1/webhook-deliveries/recover", "{\"since\": \"2026-03-30T00:00:00Z\"}").json().get("redelivered").asInt())
                .isZero();
    }

    @Test
    void anAttemptInFlightWhenItsFlowIsDeletedIsRecordedButNeverRetried() {
        receiver.answer(Answer.hang(Duration.ofMillis(1500)));
        String flowId = hub.post("/api/v1/call-flows", flow("+15735551234", receiver.url("/slow"), "immediate", "k-slow-0001"))
                .json().get("id").asText();
        String id = hub.call("fly-1", "+15735551234").json().get("delivery_id").asText();
        receiver.next(WAIT); // the attempt is in flight
        assertThat(hub.delete("/api/v1/call-flows/" + flowId).status()).isEqualTo(204);
        JsonNode d = hub.awaitAttempts(id, 1);
        assertThat(d.at("/attempts/0/error").asText()).isEqualTo("timed out after 1s");
        assertThat(d.get("status").asText()).isEqualTo("failed");
        assertThat(d.get("last_error").asText()).isEqualTo("call flow deleted");
        assertThat(d.get("next_attempt_at").isNull()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(400))).isNull();
    }

    @Test
    void anAttemptInFlightThatSucceedsAfterItsFlowIsDeletedCountsAsDelivered() {
        receiver.answer(new Answer(200, "ok", Duration.ofMillis(400), java.util.Map.of()));
        String flowId = hub.post("/api/v1/call-flows", flow("+15735551234", receiver.url("/late"), "immediate", "k-late-0001"))
                .json().get("id").asText();
        String id = hub.call("fly-2", "+15735551234").json().get("delivery_id").asText();
        receiver.next(WAIT);
        hub.delete("/api/v1/call-flows/" + flowId);
        JsonNode d = hub.awaitAttempts(id, 1);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.get("last_error").isNull()).isTrue();
    }
}
