package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code post_call_webhook.events} and {@code filter}: each condition alone and together; a call that
 * does not match gets no delivery and the 201 says why; Wait for AI judges the AI conditions when
 * the delivery fires (after the analysis, or at the fallback) and ends a failing one as skipped.
 */
class CallFilterDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    Receiver receiver;
    TestHub hub;
    int numbers;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withAiWaitTimeout(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    /** A flow on a fresh tracking number with these options; returns the number. */
    String flow(String mode, String options) {
        String number = "+1573555" + (1000 + numbers++);
        Reply r = hub.post("/api/v1/call-flows", """
                {"name": "Filtered", "tracking_numbers": ["%s"],
                 "post_call_webhook": {"url": "%s", "firing_mode": "%s", %s}}""".formatted(number, receiver.url("/f"), mode, options));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return number;
    }

    Reply call(String number, String callId, String extra) {
        Reply r = hub.post("/api/v1/calls", """
                {"call_id": "%s", "tracking_number": "%s", "caller_number": "+13055559876"%s}"""
                .formatted(callId, number, extra.isEmpty() ? ", \"status\": \"completed\"" : ", " + extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** The call got a delivery, and it reached the receiver. */
    void delivered(Reply r) throws Exception {
        assertThat(r.json().get("skipped").isNull()).as(r.body()).isTrue();
        String id = r.json().get("delivery_id").asText();
        assertThat(JSON.readTree(receiver.next(WAIT).body()).get("delivery_id").asText()).isEqualTo(id);
    }

    /** The call got no delivery, for a reason that says {@code why}. */
    void skipped(Reply r, String why) {
        assertThat(r.json().get("delivery_id").isNull()).as(r.body()).isTrue();
        assertThat(r.json().get("skipped").asText()).contains(why);
    }

    @Test
    void eventsAlone() throws Exception {
        String n = flow("immediate", "\"events\": [\"call.missed\", \"call.failed\"]");
        skipped(call(n, "ev-1", "\"status\": \"completed\""), "event call.completed is not in post_call_webhook.events (call.missed, call.failed)");
        skipped(call(n, "ev-2", "\"status\": \"voicemail\""), "call.voicemail");
        delivered(call(n, "ev-3", "\"status\": \"no-answer\""));
        delivered(call(n, "ev-4", "\"status\": \"busy\""));
        delivered(call(n, "ev-5", "\"status\": \"failed\""));
        assertThat(receiver.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void minDurationAlone() throws Exception {
        String n = flow("immediate", "\"filter\": {\"min_duration_seconds\": 30}");
        skipped(call(n, "d-1", "\"status\": \"completed\", \"duration_seconds\": 29"), "duration_seconds 29 is under filter.min_duration_seconds 30");
        skipped(call(n, "d-2", "\"status\": \"completed\""), "duration_seconds is unknown");
        delivered(call(n, "d-3", "\"status\": \"completed\", \"duration_seconds\": 30"));
    }

    @Test
    void sourcesAlone() throws Exception {
        String n = flow("immediate", "\"filter\": {\"sources\": [\"google\", \"bing\"]}");
        delivered(call(n, "s-1", "\"status\": \"completed\", \"source\": \"Google\""));
        skipped(call(n, "s-2", "\"status\": \"completed\", \"source\": \"facebook\""), "source \"facebook\" is not in filter.sources (google, bing)");
        skipped(call(n, "s-3", "\"status\": \"completed\""), "source is unknown");
    }

    @Test
    void qualifiedAiAloneIsJudgedAtOnceForImmediate() throws Exception {
        String n = flow("immediate", "\"filter\": {\"qualified_ai\": true}");
        delivered(call(n, "q-1", "\"status\": \"completed\", \"qualified_ai\": true"));
        skipped(call(n, "q-2", "\"status\": \"completed\", \"qualified_ai\": false"), "qualified_ai is false; filter.qualified_ai is true");
        skipped(call(n, "q-3", "\"status\": \"completed\""), "qualified_ai is unknown");
    }

    @Test
    void minAiScoreAloneIsJudgedAtOnceForImmediate() throws Exception {
        String n = flow("immediate", "\"filter\": {\"min_ai_score\": 70}");
        delivered(call(n, "a-1", "\"status\": \"completed\", \"ai_score\": 70"));
        skipped(call(n, "a-2", "\"status\": \"completed\", \"ai_score\": 69"), "ai_score 69 is under filter.min_ai_score 70");
    }

    @Test
    void conditionsTogetherMustAllHold() throws Exception {
        String n = flow("immediate", "\"events\": [\"call.completed\"], \"filter\": {\"min_duration_seconds\": 30, \"sources\": [\"google\"], "
                + "\"min_ai_score\": 50, \"qualified_ai\": true}");
        String all = "\"status\": \"completed\", \"duration_seconds\": 45, \"source\": \"google\", \"ai_score\": 80, \"qualified_ai\": true";
        delivered(call(n, "c-1", all));
        skipped(call(n, "c-2", all.replace("completed", "busy")), "event call.missed");
        skipped(call(n, "c-3", all.replace("45", "10")), "min_duration_seconds");
        skipped(call(n, "c-4", all.replace("\"google\"", "\"yahoo\"")), "filter.sources");
        skipped(call(n, "c-5", all.replace("80", "20")), "filter.min_ai_score");
        skipped(call(n, "c-6", all.replace("\"qualified_ai\": true", "\"qualified_ai\": false")), "filter.qualified_ai");
    }

    @Test
    void waitForAiJudgesTheAiConditionsAfterTheAnalysis() throws Exception {
        String n = flow("wait_for_ai", "\"filter\": {\"min_ai_score\": 70, \"qualified_ai\": true, \"sources\": [\"google\"]}");
        skipped(call(n, "w-0", "\"status\": \"completed\", \"source\": \"bing\""), "filter.sources");

        String low = call(n, "w-1", "\"status\": \"completed\", \"source\": \"google\"").json().get("delivery_id").asText();
        String good = call(n, "w-2", "\"status\": \"completed\", \"source\": \"google\"").json().get("delivery_id").asText();
        assertThat(hub.get("/api/v1/webhook-deliveries/" + low).json().get("status").asText()).isEqualTo("pending");

        hub.post("/api/v1/calls/w-1/analysis", "{\"ai_score\": 40, \"qualified_ai\": true, \"summary\": \"Price shopper\"}");
        JsonNode d = hub.awaitDelivery(low, x -> x.get("status").asText().equals("skipped"), WAIT);
        assertThat(d.get("skipped").asText()).isEqualTo("ai_score 40 is under filter.min_ai_score 70 (after the AI analysis)");
        assertThat(d.get("last_error").isNull()).isTrue();
        assertThat(d.get("attempts")).isEmpty();
        assertThat(d.get("attempt_count").asInt()).isZero();
        assertThat(d.get("completed_at").isNull()).isFalse();

        hub.post("/api/v1/calls/w-2/analysis", "{\"ai_score\": 90, \"qualified_ai\": true}");
        JsonNode p = JSON.readTree(receiver.next(WAIT).body());
        assertThat(p.get("delivery_id").asText()).isEqualTo(good);
        assertThat(p.get("ai_score").asInt()).isEqualTo(90);
        assertThat(receiver.poll(Duration.ofMillis(300))).as("nothing for the skipped call").isNull();

        JsonNode log = hub.get("/api/v1/webhook-deliveries?status=skipped").json();
        assertThat(log.get("data")).hasSize(1);
        assertThat(log.at("/data/0/delivery_id").asText()).isEqualTo(low);
        assertThat(hub.get("/api/v1/webhook-deliveries?status=failed").json().get("data")).as("skipped is not failed").isEmpty();
    }

    @Test
    void waitForAiJudgesTheAiConditionsAtTheFallback() throws Exception {
        String n = flow("wait_for_ai", "\"filter\": {\"min_ai_score\": 70}");
        String id = call(n, "fb-1", "\"status\": \"completed\"").json().get("delivery_id").asText();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
        clock.advance(Duration.ofSeconds(1));
        hub.app().dispatcher().wake();
        JsonNode d = hub.awaitDelivery(id, x -> x.get("status").asText().equals("skipped"), WAIT);
        assertThat(d.get("skipped").asText())
                .isEqualTo("ai_score is unknown; filter.min_ai_score is 70 (at the Wait-for-AI fallback: no AI analysis arrived)");
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();

        // a call that meets it at the fallback is sent then
        String n2 = flow("wait_for_ai", "\"filter\": {\"min_duration_seconds\": 10}");
        String sent = call(n2, "fb-2", "\"status\": \"completed\", \"duration_seconds\": 12").json().get("delivery_id").asText();
        clock.advance(Duration.ofMinutes(5));
        hub.app().dispatcher().wake();
        assertThat(JSON.readTree(receiver.next(WAIT).body()).get("delivery_id").asText()).isEqualTo(sent);
    }

    @Test
    void aCallReportedWithItsAnalysisIsJudgedAtOnceEvenForWaitForAi() throws Exception {
        String n = flow("wait_for_ai", "\"filter\": {\"qualified_ai\": true}");
        skipped(call(n, "now-1", "\"status\": \"completed\", \"qualified_ai\": false, \"ai_processed\": true"), "qualified_ai is false");
        delivered(call(n, "now-2", "\"status\": \"completed\", \"qualified_ai\": true, \"ai_processed\": true"));
    }

    @Test
    void aTranscriptionAloneDoesNotReleaseWaitForAi() throws Exception {
        String n = flow("wait_for_ai", "\"events\": [\"call.completed\"]");
        String id = call(n, "tr-1", "\"status\": \"completed\"").json().get("delivery_id").asText();
        Reply partial = hub.post("/api/v1/calls/tr-1/analysis", "{\"transcription\": \"Hi, I need a quote\"}");
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().get("ai_processed").asBoolean()).as("the AI part has not arrived").isFalse();
        hub.app().dispatcher().wake();
        assertThat(receiver.poll(Duration.ofMillis(400))).as("not released by a transcription").isNull();
        JsonNode d = hub.get("/api/v1/webhook-deliveries/" + id).json();
        assertThat(Instant.parse(d.get("next_attempt_at").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        hub.post("/api/v1/calls/tr-1/analysis", "{\"summary\": \"Quote request\", \"ai_category\": \"lead\"}");
        JsonNode p = JSON.readTree(receiver.next(WAIT).body());
        assertThat(p.get("ai_processed").asBoolean()).isTrue();
        assertThat(p.get("transcription").asText()).isEqualTo("Hi, I need a quote");
        assertThat(p.get("summary").asText()).isEqualTo("Quote request");
    }

    @Test
    void theTestButtonIgnoresEventsAndFilterAndSaysSo() {
        flow("immediate", "\"events\": [\"call.missed\"], \"filter\": {\"min_duration_seconds\": 600}");
        String flowId = hub.get("/api/v1/call-flows").json().at("/data/0/id").asText();
        Reply r = hub.post("/api/v1/call-flows/" + flowId + "/post-call-webhook/test", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status_code").asInt()).isEqualTo(200);
        assertThat(r.json().get("filters_ignored").asBoolean()).isTrue();
        assertThat(r.json().get("would_skip").asText()).contains("event call.completed is not in post_call_webhook.events");
        assertThat(receiver.next(WAIT).path()).isEqualTo("/f");
    }

    @Test
    void theLogsStatusFilterNamesSkipped() {
        assertThat(hub.get("/api/v1/webhook-deliveries?status=skipped").status()).isEqualTo(200);
        assertThat(hub.get("/api/v1/webhook-deliveries?status=bogus").error("message")).contains("skipped");
    }
}
