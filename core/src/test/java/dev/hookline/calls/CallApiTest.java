package dev.hookline.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallApiTest {
    @TempDir Path dir;
    TestHub hub;
    String flowId;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
        flowId = hub.post("/api/v1/call-flows", "{\"name\":\"Ads\",\"tracking_numbers\":[\"+15735551234\"]}").json().get("id").asText();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aCallIsResolvedToItsFlowByTrackingNumberAndStoredWithEveryField() {
        Reply r = hub.post("/api/v1/calls", """
                {"call_id": "c-1", "tracking_number": "+15735551234", "caller_number": "+13055559876", "status": "no-answer",
                 "destination_number": "+13055554567", "direction": "outbound", "duration_seconds": 12, "recording_url": "https://r.example/1.mp3",
                 "recording_duration": 10, "source": "google", "landing_page_url": "https://site.example/a", "referrer_url": "https://google.com",
                 "utm_source": "google", "utm_medium": "cpc", "utm_campaign": "c", "utm_term": "t", "utm_content": "x", "gclid": "g",
                 "fbclid": "f", "msclkid": "m", "value_cents": 100, "cost_cents": 2, "robo_score": 7, "created_at": "2026-03-30T14:30:00+02:00"}""");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("call_id").asText()).isEqualTo("c-1");
        assertThat(r.json().get("call_flow_id").asText()).isEqualTo(flowId);
        assertThat(r.json().get("delivery_id").isNull()).isTrue();

        JsonNode c = hub.get("/api/v1/calls/c-1").json();
        assertThat(c.get("event").asText()).isEqualTo("call.missed");
        assertThat(c.get("direction").asText()).isEqualTo("outbound");
        assertThat(c.get("robo_score").asInt()).isEqualTo(7);
        assertThat(c.get("msclkid").asText()).isEqualTo("m");
        assertThat(c.get("created_at").asText()).isEqualTo("2026-03-30T12:30:00Z");
        assertThat(c.get("ai_processed").asBoolean()).isFalse();
        assertThat(c.get("transcription").isNull()).isTrue();
    }

    @Test
    void reportingTheSameCallIdTwiceStoresOneCallAndAnswers200() {
        String body = "{\"call_id\":\"dup\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\"}";
        assertThat(hub.post("/api/v1/calls", body).status()).isEqualTo(201);
        Reply again = hub.post("/api/v1/calls", body.replace("completed", "failed"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).as("the stored call is unchanged").isEqualTo("completed");
    }

    @Test
    void aCallWithoutIdGetsOneAndAnExplicitFlowWins() {
        String other = hub.post("/api/v1/call-flows", "{\"name\":\"Other\"}").json().get("id").asText();
        Reply r = hub.post("/api/v1/calls", "{\"call_flow_id\":\"" + other + "\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"busy\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("call_id").asText()).isNotBlank();
        assertThat(r.json().get("call_flow_id").asText()).isEqualTo(other);
    }

    @Test
    void anUnknownTrackingNumberIsA404NamingIt() {
        Reply r = hub.post("/api/v1/calls", "{\"tracking_number\":\"+19999999999\",\"caller_number\":\"+1305\",\"status\":\"completed\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error("field")).isEqualTo("tracking_number");
        assertThat(r.error("message")).contains("+19999999999");
        Reply f = hub.post("/api/v1/calls", "{\"call_flow_id\":\"nope\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\"}");
        assertThat(f.status()).isEqualTo(404);
        assertThat(f.error("field")).isEqualTo("call_flow_id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing status        | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\"}                         | status",
            "missing caller        | {\"tracking_number\":\"+15735551234\",\"status\":\"completed\"}                            | caller_number",
            "missing tracking      | {\"caller_number\":\"+1305\",\"status\":\"completed\"}                                     | tracking_number",
            "bad status            | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"done\"}     | status",
            "duration type         | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"duration_seconds\":\"long\"} | duration_seconds",
            "negative duration     | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"duration_seconds\":-1} | duration_seconds",
            "score over 100        | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"ai_score\":101} | ai_score",
            "bad category          | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"ai_category\":\"vip\"} | ai_category",
            "bad direction         | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"direction\":\"up\"} | direction",
            "bad created_at        | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"created_at\":\"yesterday\"} | created_at",
            "computed field        | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"attempt\":2} | attempt",
            "unknown field         | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"colour\":\"red\"} | colour",
            "bad call id           | {\"call_id\":\"has space\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\"} | call_id",
            "url not absolute      | {\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\",\"recording_url\":\"x.mp3\"} | recording_url",
    })
    void invalidCallsAreRefusedNamingTheField(String why, String body, String field) {
        Reply r = hub.post("/api/v1/calls", body);
        assertThat(r.status()).as(why + ": " + r.body()).isEqualTo(400);
        assertThat(r.error("field")).as(why).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "score -1          | {\"ai_score\":-1}              | ai_score",
            "score text        | {\"ai_score\":\"high\"}        | ai_score",
            "category          | {\"ai_category\":\"friend\"}   | ai_category",
            "qualified type    | {\"qualified_ai\":\"yes\"}     | qualified_ai",
            "unknown key       | {\"sentiment\":\"good\"}       | sentiment",
    })
    void invalidAnalysisIsRefusedNamingTheField(String why, String body, String field) {
        hub.post("/api/v1/calls", "{\"call_id\":\"a\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\"}");
        Reply r = hub.post("/api/v1/calls/a/analysis", body);
        assertThat(r.status()).as(why + ": " + r.body()).isEqualTo(400);
        assertThat(r.error("field")).as(why).isEqualTo(field);
    }

    @Test
    void analysisOfAnUnknownCallIs404AndAValidOneSetsAiProcessed() {
        assertThat(hub.post("/api/v1/calls/none/analysis", "{\"ai_score\":5}").status()).isEqualTo(404);
        hub.post("/api/v1/calls", "{\"call_id\":\"a\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+1305\",\"status\":\"completed\"}");
        Reply r = hub.post("/api/v1/calls/a/analysis", "{\"ai_score\":0,\"ai_category\":\"spam\",\"qualified_ai\":false,\"summary\":\"robot\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode c = hub.get("/api/v1/calls/a").json();
        assertThat(c.get("ai_processed").asBoolean()).isTrue();
        assertThat(c.get("ai_score").asInt()).isZero();
        assertThat(c.get("ai_category").asText()).isEqualTo("spam");
        assertThat(c.get("qualified_ai").asBoolean()).isFalse();
        assertThat(c.get("summary").asText()).isEqualTo("robot");
    }
}
