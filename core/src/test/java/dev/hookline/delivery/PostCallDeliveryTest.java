package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.StoreFile;
import dev.hookline.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostCallDeliveryTest {
    /** The payload reference of the product documentation, written out independently of the code. */
    static final List<String> SEED_FIELDS = List.of("event", "call_id", "business_id", "call_flow_id", "call_flow_name",
            "tracking_number", "caller_number", "destination_number", "direction", "status", "duration_seconds", "recording_url",
            "recording_duration", "transcription", "summary", "ai_score", "ai_category", "qualified_ai", "qualification_reason", "source",
            "landing_page_url", "referrer_url", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid",
            "msclkid", "value_cents", "cost_cents", "robo_score", "ai_processed", "created_at", "webhook_sent_at", "delivery_id", "attempt");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    Receiver receiver;
    TestHub hub;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withRetryDelays(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)))
                .withPostCallTimeout(Duration.ofSeconds(1)).withAiWaitTimeout(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    JsonNode body(Receiver.Received r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void payloadCarriesExactlyTheSeedsFieldsAndTheCallsValues() throws Exception {
        String flowId = hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        var r = hub.post("/api/v1/calls", """
                {"call_id": "a1b2c3", "tracking_number": "+15735551234", "caller_number": "+13055559876",
                 "destination_number": "+13055554567", "direction": "inbound", "status": "completed", "duration_seconds": 145,
                 "recording_url": "https://rec.example/abc.mp3", "recording_duration": 138, "source": "google",
                 "landing_page_url": "https://yoursite.com/hvac", "referrer_url": "https://google.com", "utm_source": "google",
                 "utm_medium": "cpc", "utm_campaign": "hvac-tampa", "utm_term": "ac repair near me", "gclid": "abc123def456",
                 "value_cents": 5000, "cost_cents": 15, "robo_score": 0, "created_at": "2026-03-30T14:28:00Z"}""");
        assertThat(r.status()).isEqualTo(201);
        String deliveryId = r.json().get("delivery_id").asText();

        Receiver.Received got = receiver.next(WAIT);
        JsonNode p = body(got);
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(SEED_FIELDS);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.header("content-type")).startsWith("application/json");
        assertThat(got.header("user-agent")).matches("Hookline/\\S+");
        assertThat(p.get("event").asText()).isEqualTo("call.completed");
        assertThat(p.get("call_id").asText()).isEqualTo("a1b2c3");
        assertThat(p.get("business_id").asText()).isEqualTo(hub.app().defaultBusinessId());
        assertThat(p.get("call_flow_id").asText()).isEqualTo(flowId);
        assertThat(p.get("call_flow_name").asText()).isEqualTo("Flow +15735551234");
        assertThat(p.get("destination_number").asText()).isEqualTo("+13055554567");
        assertThat(p.get("duration_seconds").asInt()).isEqualTo(145);
        assertThat(p.get("recording_duration").asInt()).isEqualTo(138);
        assertThat(p.get("utm_term").asText()).isEqualTo("ac repair near me");
        assertThat(p.get("value_cents").asInt()).isEqualTo(5000);
        assertThat(p.get("robo_score").asInt()).isZero();
        assertThat(p.get("utm_content").isNull()).isTrue();
        assertThat(p.get("transcription").isNull()).isTrue();
        assertThat(p.get("ai_score").isNull()).isTrue();
        assertThat(p.get("ai_processed").asBoolean()).isFalse();
        assertThat(p.get("created_at").asText()).isEqualTo("2026-03-30T14:28:00Z");
        assertThat(p.get("webhook_sent_at").asText()).isEqualTo("2026-03-30T14:30:00Z");
        assertThat(p.get("delivery_id").asText()).isEqualTo(deliveryId);
        assertThat(p.get("attempt").asInt()).isEqualTo(1);
        assertThat(got.header("webhook-id")).isEqualTo(deliveryId);

        JsonNode d = hub.awaitDelivery(deliveryId, x -> x.get("status").asText().equals("succeeded"), WAIT);
        assertThat(d.get("attempts")).hasSize(1);
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
        assertThat(d.at("/attempts/0/response_body").asText()).isEqualTo("ok");
        assertThat(d.get("completed_at").isNull()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"completed,call.completed", "no-answer,call.missed", "busy,call.missed", "voicemail,call.voicemail", "failed,call.failed"})
    void eachStatusBecomesItsEvent(String status, String event) throws Exception {
        hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        hub.post("/api/v1/calls", "{\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"" + status + "\"}");
        JsonNode p = body(receiver.next(WAIT));
        assertThat(p.get("event").asText()).isEqualTo(event);
        assertThat(p.get("status").asText()).isEqualTo(status);
    }

    @Test
    void signatureVerifiesWithAnIndependentHmac() throws Exception {
        var created = hub.post("/api/v1/call-flows", "{\"name\":\"s\",\"tracking_numbers\":[\"+15735551234\"],"
                + "\"post_call_webhook\":{\"url\":\"" + receiver.url("/hook") + "\"}}");
        String secret = created.json().at("/post_call_webhook/signing_secret").asText();
        hub.call("sig-1", "+15735551234");
        Receiver.Received got = receiver.next(WAIT);
        String id = got.header("webhook-id");
        String ts = got.header("webhook-timestamp");
        assertThat(Long.parseLong(ts)).isEqualTo(clock.millis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + ts + "." + new String(got.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(got.header("webhook-signature")).isEqualTo(expected);
    }

    @Test
    void failingTwiceThenSucceedingTakesThreeAttemptsAtTheConfiguredDelays() throws Exception {
        receiver.answer(Answer.status(503), Answer.status(500), Answer.ok("thanks"));
        hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        String id = hub.call("retry-1", "+15735551234").json().get("delivery_id").asText();

        JsonNode first = body(receiver.next(WAIT));
        JsonNode d = hub.awaitAttempts(id, 1);
        assertThat(d.get("status").asText()).isEqualTo("pending");
        assertThat(d.at("/attempts/0/error").asText()).isEqualTo("HTTP 503");
        assertThat(Instant.parse(d.get("next_attempt_at").asText())).isEqualTo(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(300))).as("not before the 30 s delay").isNull();
        clock.advance(Duration.ofSeconds(1));
        hub.app().dispatcher().wake();
        JsonNode second = body(receiver.next(WAIT));
        d = hub.awaitAttempts(id, 2);
        assertThat(Instant.parse(d.get("next_attempt_at").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(2));
        hub.app().dispatcher().wake();
        JsonNode third = body(receiver.next(WAIT));
        d = hub.awaitDelivery(id, x -> x.get("status").asText().equals("succeeded"), WAIT);

        assertThat(List.of(first.get("attempt").asInt(), second.get("attempt").asInt(), third.get("attempt").asInt())).containsExactly(1, 2, 3);
        assertThat(List.of(first.get("delivery_id").asText(), second.get("delivery_id").asText(), third.get("delivery_id").asText()))
                .containsOnly(id);
        assertThat(Instant.parse(third.get("webhook_sent_at").asText())).isEqualTo(Instant.parse(first.get("webhook_sent_at").asText())
                .plusSeconds(30).plus(Duration.ofMinutes(2)));
        assertThat(d.get("attempts")).hasSize(3);
        assertThat(d.at("/attempts/1/error").asText()).isEqualTo("HTTP 500");
        assertThat(d.at("/attempts/2/error").isNull()).isTrue();
    }

    @Test
    void retriesReadFromTheStoreCarryEachBusinessesOwnCall() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        receiver.answer(r -> down.get() ? Answer.status(503) : Answer.ok("thanks"));
        TestHub other = hub.as(hub.app().apiKeys().createBusiness("Other")[1]);
        hub.flow("+15735550001", receiver.url("/one"), "immediate");
        other.flow("+15735550002", receiver.url("/two"), "immediate");
        // the same call ids in both businesses, told apart only by business: the retries are read
        // back from the store a batch at a time, several businesses in one batch
        int n = 30;
        Map<String, TestHub> owner = new HashMap<>();
        Map<String, String> caller = new HashMap<>(); // path + call id -> caller number
        for (int i = 0; i < n; i++) {
            for (TestHub h : List.of(hub, other)) {
                boolean first = h == hub;
                String number = (first ? "+1305555" : "+1415555") + (1000 + i);
                TestHub.Reply r = h.post("/api/v1/calls", "{\"call_id\":\"shared-" + i + "\",\"tracking_number\":\""
                        + (first ? "+15735550001" : "+15735550002") + "\",\"caller_number\":\"" + number + "\",\"status\":\"completed\"}");
                assertThat(r.status()).isEqualTo(201);
                owner.put(r.json().get("delivery_id").asText(), h);
                caller.put((first ? "/one" : "/two") + " shared-" + i, number);
            }
        }
        owner.forEach((id, h) -> h.awaitAttempts(id, 1));
        Map<String, JsonNode> firstAttempt = new HashMap<>();
        for (Receiver.Received r : receiver.all()) firstAttempt.put(body(r).get("delivery_id").asText(), body(r));
        assertThat(firstAttempt).hasSize(2 * n);

        down.set(false);
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        owner.forEach((id, h) -> h.awaitDelivery(id, x -> x.get("status").asText().equals("succeeded"), WAIT));

        List<Receiver.Received> retries = receiver.all().subList(2 * n, receiver.all().size());
        assertThat(retries).hasSize(2 * n);
        for (Receiver.Received r : retries) {
            ObjectNode retry = (ObjectNode) body(r);
            assertThat(retry.get("caller_number").asText()).isEqualTo(caller.get(r.path() + " " + retry.get("call_id").asText()));
            ObjectNode first = (ObjectNode) firstAttempt.get(retry.get("delivery_id").asText()).deepCopy();
            assertThat(retry.get("attempt").asInt()).isEqualTo(2);
            for (String changes : List.of("attempt", "webhook_sent_at")) {
                retry.remove(changes);
                first.remove(changes);
            }
            assertThat(retry).as("attempt 2 sends the call attempt 1 sent").isEqualTo(first);
        }
    }

    @Test
    void aCallThatCannotBeReadBackGetsAFailedAttemptAndARetryNotAStuckClaim() {
        receiver.answer(Answer.status(503), Answer.status(503), Answer.ok("thanks"));
        hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        String gone = hub.call("gone-1", "+15735551234").json().get("delivery_id").asText();
        String garbled = hub.call("garbled-1", "+15735551234").json().get("delivery_id").asText();
        hub.awaitAttempts(gone, 1);
        hub.awaitAttempts(garbled, 1);
        receiver.next(WAIT);
        receiver.next(WAIT);
        // what the retries read back from the store: one call deleted, one whose fields are not JSON
        StoreFile.execute(dir, "DELETE FROM calls WHERE call_id = 'gone-1'");
        StoreFile.execute(dir, "UPDATE calls SET fields = '{not json' WHERE call_id = 'garbled-1'");

        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        JsonNode g = hub.awaitAttempts(gone, 2);
        JsonNode b = hub.awaitAttempts(garbled, 2);
        assertThat(g.at("/attempts/1/error").asText()).isEqualTo("the call gone-1 no longer exists");
        assertThat(b.at("/attempts/1/error").asText()).startsWith("the call garbled-1 could not be read from the store (")
                .contains("not JSON");
        for (JsonNode d : List.of(g, b)) {
            assertThat(d.get("status").asText()).as("retried on the policy, not left claimed").isEqualTo("pending");
            assertThat(Instant.parse(d.get("next_attempt_at").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        }
        assertThat(receiver.poll(Duration.ofMillis(300))).as("nothing sent for either").isNull();
    }

    @Test
    void alwaysFailingEndsFailedAfterTheLastAttemptAndNeverTriesAFourth() {
        receiver.answer(Answer.status(404));
        hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        String id = hub.call("fail-1", "+15735551234").json().get("delivery_id").asText();
        receiver.next(WAIT);
        hub.awaitAttempts(id, 1);
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        receiver.next(WAIT);
        hub.awaitAttempts(id, 2);
        clock.advance(Duration.ofMinutes(2));
        hub.app().dispatcher().wake();
        receiver.next(WAIT);
        JsonNode d = hub.awaitDelivery(id, x -> x.get("status").asText().equals("failed"), WAIT);
        assertThat(d.get("attempts")).hasSize(3);
        assertThat(d.get("last_error").asText()).isEqualTo("HTTP 404");
        assertThat(d.get("next_attempt_at").isNull()).isTrue();

        clock.advance(Duration.ofHours(1));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(500))).as("no fourth attempt").isNull();
    }

    @Test
    void aHangingReceiverHitsTheTimeout() {
        receiver.answer(Answer.hang(Duration.ofSeconds(4)));
        hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        String id = hub.call("hang-1", "+15735551234").json().get("delivery_id").asText();
        JsonNode d = hub.awaitAttempts(id, 1);
        assertThat(d.at("/attempts/0/error").asText()).isEqualTo("timed out after 1s");
        assertThat(d.at("/attempts/0/status_code").isNull()).isTrue();
        assertThat(d.at("/attempts/0/duration_ms").asLong()).isBetween(900L, 3500L);
        assertThat(d.get("status").asText()).isEqualTo("pending");
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (Receiver elsewhere = Receiver.start()) {
            receiver.answer(Answer.redirect(elsewhere.url("/moved")));
            hub.flow("+15735551234", receiver.url("/hook"), "immediate");
            String id = hub.call("redir-1", "+15735551234").json().get("delivery_id").asText();
            JsonNode d = hub.awaitAttempts(id, 1);
            assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(302);
            assertThat(d.at("/attempts/0/error").asText()).isEqualTo("redirect to " + elsewhere.url("/moved") + " not followed");
            assertThat(elsewhere.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void connectionRefusedIsRecordedReadably() {
        Receiver gone = Receiver.start();
        String url = gone.url("/hook");
        gone.close();
        hub.flow("+15735551234", url, "immediate");
        String id = hub.call("refused-1", "+15735551234").json().get("delivery_id").asText();
        JsonNode d = hub.awaitAttempts(id, 1);
        assertThat(d.at("/attempts/0/error").asText()).isEqualTo("connection refused");
    }

    @Test
    void onlyTheFirst4KiBOfTheAnswerIsKept() {
        receiver.answer(Answer.ok("x".repeat(100_000)));
        hub.flow("+15735551234", receiver.url("/hook"), "immediate");
        String id = hub.call("big-1", "+15735551234").json().get("delivery_id").asText();
        JsonNode d = hub.awaitDelivery(id, x -> x.get("status").asText().equals("succeeded"), WAIT);
        assertThat(d.at("/attempts/0/response_body").asText()).hasSize(4096);
    }

    @Test
    void waitForAiIsReleasedByTheAnalysis() throws Exception {
        hub.flow("+15735551234", receiver.url("/hook"), "wait_for_ai");
        String id = hub.call("ai-1", "+15735551234").json().get("delivery_id").asText();
        JsonNode d = hub.get("/api/v1/webhook-deliveries/" + id).json();
        assertThat(d.get("status").asText()).isEqualTo("pending");
        assertThat(Instant.parse(d.get("next_attempt_at").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();

        var a = hub.post("/api/v1/calls/ai-1/analysis", """
                {"transcription": "Hi, I need a quote", "summary": "Quote request", "ai_score": 85, "ai_category": "lead",
                 "qualified_ai": true, "qualification_reason": "Buying intent"}""");
        assertThat(a.status()).isEqualTo(200);
        JsonNode p = body(receiver.next(WAIT));
        assertThat(p.get("ai_processed").asBoolean()).isTrue();
        assertThat(p.get("ai_score").asInt()).isEqualTo(85);
        assertThat(p.get("ai_category").asText()).isEqualTo("lead");
        assertThat(p.get("transcription").asText()).isEqualTo("Hi, I need a quote");
        assertThat(p.get("qualified_ai").asBoolean()).isTrue();
        hub.awaitDelivery(id, x -> x.get("status").asText().equals("succeeded"), WAIT);

        // exactly one delivery for the call, even after the fallback time passes
        clock.advance(Duration.ofMinutes(10));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
        assertThat(hub.get("/api/v1/webhook-deliveries?call_id=ai-1").json().get("data")).hasSize(1);
    }

    @Test
    void waitForAiFallsBackAfterTheTimeoutWithWhateverIsThere() throws Exception {
        hub.flow("+15735551234", receiver.url("/hook"), "wait_for_ai");
        hub.call("ai-2", "+15735551234");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
        clock.advance(Duration.ofSeconds(1));
        hub.app().dispatcher().wake();
        JsonNode p = body(receiver.next(WAIT));
        assertThat(p.get("ai_processed").asBoolean()).isFalse();
        assertThat(p.get("ai_score").isNull()).isTrue();
        // a late analysis does not fire a second delivery
        hub.post("/api/v1/calls/ai-2/analysis", "{\"ai_score\": 10}");
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void aDisabledWebhookSendsNothing() {
        hub.post("/api/v1/call-flows", "{\"name\":\"off\",\"tracking_numbers\":[\"+15735551234\"],"
                + "\"post_call_webhook\":{\"enabled\":false,\"url\":\"" + receiver.url("/hook") + "\"}}");
        var r = hub.call("off-1", "+15735551234");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("delivery_id").isNull()).isTrue();
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void editingTheFlowDoesNotChangeADeliveryInFlight() {
        receiver.answer(Answer.status(500), Answer.ok("ok"));
        String flowId = hub.flow("+15735551234", receiver.url("/old"), "immediate");
        String id = hub.call("snap-1", "+15735551234").json().get("delivery_id").asText();
        assertThat(receiver.next(WAIT).path()).isEqualTo("/old");
        hub.awaitAttempts(id, 1);
        hub.put("/api/v1/call-flows/" + flowId, "{\"name\":\"x\",\"tracking_numbers\":[\"+15735551234\"],"
                + "\"post_call_webhook\":{\"url\":\"" + receiver.url("/new") + "\"}}");
        clock.advance(Duration.ofSeconds(30));
        hub.app().dispatcher().wake();
        assertThat(receiver.next(WAIT).path()).isEqualTo("/old");
        // while a call made after the edit goes to the new URL (no stale flow cache)
        hub.call("snap-2", "+15735551234");
        assertThat(receiver.next(WAIT).path()).isEqualTo("/new");
    }
}
