package dev.hookline.incall;

import static dev.hookline.incall.VoiceClient.forward;
import static dev.hookline.incall.VoiceClient.say;
import static dev.hookline.incall.VoiceClient.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.StoreFile;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The voice/inbound endpoint: its inputs, its errors, and the one call record it shares with POST /calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceInboundApiTest {
    static final String CALLER = "+13055551234";
    static final Duration SETTLE = Duration.ofSeconds(10);

    TestHub hub;
    Path dir;
    VoiceClient voice;
    String number;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        hub = TestHub.start(dir);
        voice = new VoiceClient(hub);
        number = VoiceClient.freshNumber();
        voice.flow(number, steps(say("Welcome"), forward("+13055554567")));
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    @Test
    void formAndJsonBodiesAreBothAccepted() {
        Reply form = voice.inbound(CALLER, number, "CA-form");
        Reply json = voice.send("application/json; charset=utf-8",
                "{\"From\": \"" + CALLER + "\", \"To\": \"" + number + "\", \"CallSid\": \"CA-json\", \"Direction\": \"inbound\"}");
        for (Reply r : new Reply[] {form, json}) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("actions")).hasSize(2);
            assertThat(r.json().at("/actions/0/message").asText()).isEqualTo("Welcome");
            assertThat(r.json().at("/actions/1/destination").asText()).isEqualTo("+13055554567");
        }
        assertThat(json.json().get("call_sid").asText()).isEqualTo("CA-json");
    }

    @Test
    void anUnknownTrackingNumberIs404NamingIt() {
        Reply r = voice.inbound(CALLER, "+19995550000", "CA-404");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error("field")).isEqualTo("To");
        assertThat(r.error("message")).contains("+19995550000");
    }

    @Test
    void anotherBusinessCannotRunThisFlow() {
        String[] other = hub.app().apiKeys().createBusiness("Other");
        Reply r = new VoiceClient(hub.as(other[1])).inbound(CALLER, number, "CA-other");
        assertThat(r.status()).isEqualTo(404);
        assertThat(new VoiceClient(hub.withoutKey()).inbound(CALLER, number, "CA-nokey").status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"From", "To", "CallSid"})
    void aMissingFieldIs400NamingIt(String field) {
        String form = ("From=" + VoiceClient.enc(CALLER) + "&To=" + VoiceClient.enc(number) + "&CallSid=CA-missing")
                .replaceAll(field + "=[^&]*&?", "");
        Reply r = voice.send("application/x-www-form-urlencoded", form);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo(field);

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("From", CALLER);
        fields.put("To", number);
        fields.put("CallSid", "CA-missing");
        fields.remove(field);
        Reply j = voice.send("application/json", VoiceClient.MAPPER.valueToTree(fields).toString());
        assertThat(j.status()).as(j.body()).isEqualTo(400);
        assertThat(j.error("field")).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty From      | From=&To=%2B15735551000&CallSid=x | From",
            "blank CallSid   | From=%2B1&To=%2B15735551000&CallSid=%20 | CallSid",
    })
    void anEmptyFieldIs400NamingIt(String why, String form, String field) {
        Reply r = voice.send("application/x-www-form-urlencoded", form);
        assertThat(r.status()).as(why).isEqualTo(400);
        assertThat(r.error("field")).as(why).isEqualTo(field);
    }

    @Test
    void aFieldOfTheWrongJsonTypeIs400() {
        Reply r = voice.send("application/json", "{\"From\": 13055551234, \"To\": \"" + number + "\", \"CallSid\": \"x\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo("From");
        assertThat(voice.send("application/json", "{not json").status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @NullSource
    @ValueSource(strings = {"text/plain", "application/xml", "multipart/form-data; boundary=x"})
    void otherContentTypesAre415(String contentType) {
        Reply r = voice.send(contentType, "From=" + VoiceClient.enc(CALLER) + "&To=" + VoiceClient.enc(number) + "&CallSid=CA-415");
        assertThat(r.status()).as(String.valueOf(contentType)).isEqualTo(415);
        assertThat(r.error("code")).isEqualTo("unsupported_media_type");
    }

    @Test
    void aBadTemplateIsRefusedWhenTheFlowIsSaved() {
        String bad = "[{\"type\": \"say\", \"message\": \"hi\"}, {\"type\": \"webhook\", \"url\": \"https://crm.example/x\", \"body\": \"{\\\"a\\\": \\\"{{caller}}\\\"}\"}]";
        Reply r = hub.post("/api/v1/call-flows", "{\"name\": \"bad\", \"steps\": " + bad + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo("steps[1].body");
        assertThat(r.error("message")).contains("steps[1]").contains("{{caller}}");
    }

    @Test
    void theLiveRunAndTheEndedCallReportShareOneRecord() {
        assertThat(voice.inbound(CALLER, number, "CA-one").status()).isEqualTo(200);
        voice.awaitTrace("CA-one", SETTLE, t -> t.size() == 2);
        JsonNode live = voice.call("CA-one").json();
        assertThat(live.get("status").isNull()).isTrue();
        assertThat(live.get("reported_at").isNull()).isTrue();
        assertThat(live.get("tracking_number").asText()).isEqualTo(number);
        assertThat(live.get("caller_number").asText()).isEqualTo(CALLER);
        assertThat(live.get("call_flow_id").asText()).isNotBlank();
        assertThat(live.get("in_call_trace")).hasSize(2);

        Reply reported = hub.post("/api/v1/calls", "{\"call_id\": \"CA-one\", \"tracking_number\": \"" + number
                + "\", \"caller_number\": \"" + CALLER + "\", \"status\": \"completed\", \"duration_seconds\": 42}");
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);

        JsonNode call = voice.call("CA-one").json();
        assertThat(call.get("status").asText()).isEqualTo("completed");
        assertThat(call.get("duration_seconds").asInt()).isEqualTo(42);
        assertThat(call.get("in_call_trace")).hasSize(2);
        assertThat(call.at("/in_call_trace/0/outcome").asText()).isEqualTo("said");
        assertThat(rows("CA-one")).isEqualTo(1);
    }

    @Test
    void aCallReportedBeforeItsLiveRunKeepsItsReportAndGainsTheTrace() {
        assertThat(hub.post("/api/v1/calls", "{\"call_id\": \"CA-early\", \"tracking_number\": \"" + number
                + "\", \"caller_number\": \"" + CALLER + "\", \"status\": \"busy\"}").status()).isEqualTo(201);
        assertThat(voice.inbound(CALLER, number, "CA-early").status()).isEqualTo(200);
        voice.awaitTrace("CA-early", SETTLE, t -> t.size() == 2);
        JsonNode call = voice.call("CA-early").json();
        assertThat(call.get("status").asText()).isEqualTo("busy");
        assertThat(call.get("reported_at").isNull()).isFalse();
        assertThat(call.get("in_call_trace")).hasSize(2);
        assertThat(rows("CA-early")).isEqualTo(1);
    }

    @Test
    void aRepeatedRunForTheSameCallSidReplacesTheTrace() {
        String n = VoiceClient.freshNumber();
        String flowId = voice.flow(n, steps(say("a"), say("b"), say("c")));
        voice.inbound(CALLER, n, "CA-retry");
        voice.awaitTrace("CA-retry", SETTLE, t -> t.size() == 3);

        hub.put("/api/v1/call-flows/" + flowId, "{\"name\": \"live\", \"tracking_numbers\": [\"" + n + "\"], \"steps\": "
                + steps(forward("+13055554567")) + "}");
        Reply again = voice.inbound(CALLER, n, "CA-retry");
        assertThat(again.json().get("actions")).hasSize(1);
        JsonNode trace = voice.awaitTrace("CA-retry", SETTLE, t -> t.size() == 1);
        assertThat(trace.at("/0/outcome").asText()).isEqualTo("forwarded");
        assertThat(rows("CA-retry")).isEqualTo(1);
    }

    @Test
    void aCallSidWithAnyCharactersIsStoredAndReadBack() {
        String sid = "CA \"odd\" \\ sid\nline";
        Reply r = voice.inbound(CALLER, number, sid);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("call_sid").asText()).isEqualTo(sid);
        assertThat(voice.awaitTrace(sid, SETTLE, t -> true)).hasSize(2);
        assertThat(rows(sid)).isEqualTo(1);
    }

    private int rows(String callId) {
        return Integer.parseInt(StoreFile.query(dir, "SELECT count(*) FROM calls WHERE call_id = '" + callId + "'"));
    }
}
