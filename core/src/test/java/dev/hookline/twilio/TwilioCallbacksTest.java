package dev.hookline.twilio;

import static dev.hookline.twilio.TwilioPhone.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.StoreFile;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** /twilio/status and /twilio/recording: the ended call, its event, one delivery per CallSid, and recordings that come later. */
class TwilioCallbacksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String NUMBER = "+15735550200";
    static final String RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC0123/Recordings/RE0123";

    @TempDir Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    Receiver receiver;
    TestHub hub;
    TwilioPhone phone;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        hub = TestHub.start(dir, clock, c -> c.withAiWaitTimeout(Duration.ofMinutes(5)));
        phone = new TwilioPhone(hub);
        TwilioPhone.setToken(hub, TOKEN);
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    private void flow(String firingMode, String steps) {
        Reply r = hub.post("/api/v1/call-flows", "{\"name\": \"Twilio\", \"tracking_numbers\": [\"" + NUMBER + "\"], "
                + "\"post_call_webhook\": {\"enabled\": true, \"url\": \"" + receiver.url("/hook") + "\", \"firing_mode\": \"" + firingMode + "\"}, "
                + "\"steps\": " + steps + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** What Twilio posts to the status callback URL when {@code callSid} reaches {@code callStatus}. */
    private static Map<String, String> status(String callSid, String callStatus) {
        Map<String, String> p = TwilioPhone.incoming(NUMBER, callSid);
        p.put("CallStatus", callStatus);
        p.put("CallDuration", callStatus.equals("completed") ? "145" : "0");
        p.put("Timestamp", "Mon, 30 Mar 2026 14:32:25 +0000");
        p.put("SequenceNumber", "3");
        return p;
    }

    private Reply statusCallback(Map<String, String> params) {
        return phone.post("/twilio/status", params, TOKEN);
    }

    private Reply recordingCallback(String callSid, String state) {
        return phone.post("/twilio/recording", Map.of("AccountSid", "AC0123", "CallSid", callSid, "RecordingSid", "RE0123",
                "RecordingUrl", RECORDING, "RecordingStatus", state, "RecordingDuration", "138", "RecordingChannels", "1",
                "RecordingSource", "DialVerb"), TOKEN);
    }

    private JsonNode delivered() throws Exception {
        return JSON.readTree(receiver.next(WAIT).body());
    }

    private List<JsonNode> deliveriesOf(String callSid) {
        List<JsonNode> out = new java.util.ArrayList<>();
        hub.get("/api/v1/webhook-deliveries?call_id=" + callSid).json().get("data").forEach(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0} → {1}, {2}")
    @CsvSource({"completed, completed, call.completed", "no-answer, no-answer, call.missed", "busy, busy, call.missed",
            "canceled, no-answer, call.missed", "failed, failed, call.failed"})
    void eachFinalStatusRecordsTheEndedCallAndFiresItsEvent(String callStatus, String status, String event) throws Exception {
        flow("immediate", "[]");
        Map<String, String> params = status("CA-" + callStatus, callStatus);
        params.put("RecordingUrl", RECORDING);
        params.put("RecordingDuration", "138");
        Reply r = statusCallback(params);
        assertThat(r.status()).as(r.body()).isEqualTo(204);

        JsonNode p = delivered();
        assertThat(p.get("event").asText()).isEqualTo(event);
        assertThat(p.get("status").asText()).isEqualTo(status);
        assertThat(p.get("call_id").asText()).isEqualTo("CA-" + callStatus);
        assertThat(p.get("tracking_number").asText()).isEqualTo(NUMBER);
        assertThat(p.get("caller_number").asText()).isEqualTo(TwilioPhone.CALLER);
        assertThat(p.get("direction").asText()).isEqualTo("inbound");
        assertThat(p.get("duration_seconds").asInt()).isEqualTo(callStatus.equals("completed") ? 145 : 0);
        assertThat(p.get("recording_url").asText()).isEqualTo(RECORDING);
        assertThat(p.get("recording_duration").asInt()).isEqualTo(138);
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "initiated", "ringing", "in-progress", "answered"})
    void aStatusThatIsNotFinalRecordsNothing(String callStatus) {
        flow("immediate", "[]");
        assertThat(statusCallback(status("CA-live", callStatus)).status()).isEqualTo(204);
        assertThat(hub.get("/api/v1/calls/CA-live").status()).isEqualTo(404);
        assertThat(receiver.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void repeatedCallbacksGiveExactlyOneDeliveryPerCallSid() throws Exception {
        flow("immediate", "[]");
        for (String s : List.of("initiated", "ringing", "in-progress", "completed", "completed")) {
            assertThat(statusCallback(status("CA-repeat", s)).status()).isEqualTo(204);
        }
        // Twilio retrying at once, side by side, and a contradicting late status
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Reply>> racing = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) racing.add(CompletableFuture.supplyAsync(() -> statusCallback(status("CA-repeat", "completed")), pool));
            for (CompletableFuture<Reply> f : racing) assertThat(f.get().status()).isEqualTo(204);
        } finally {
            pool.shutdown();
        }
        assertThat(statusCallback(status("CA-repeat", "failed")).status()).isEqualTo(204);
        assertThat(statusCallback(status("CA-other", "busy")).status()).isEqualTo(204);

        List<String> calls = List.of(delivered().get("call_id").asText(), delivered().get("call_id").asText());
        assertThat(calls).containsExactlyInAnyOrder("CA-repeat", "CA-other");
        assertThat(receiver.poll(Duration.ofMillis(500))).as("no second delivery").isNull();
        assertThat(deliveriesOf("CA-repeat")).hasSize(1);
        assertThat(hub.get("/api/v1/calls/CA-repeat").json().get("status").asText()).as("the first report stands").isEqualTo("completed");
    }

    @Test
    void theStatusCallbackCompletesTheCallItsVoiceRequestStarted() throws Exception {
        flow("immediate", "[{\"type\": \"say\", \"message\": \"Hello\"}, {\"type\": \"forward\", \"destination\": \"+13055554567\"}]");
        Reply voice = phone.voice(NUMBER, "CA-whole");
        assertThat(TwilioPhone.verbs(voice)).containsExactly("Say:Hello", "Dial:+13055554567");
        awaitStored("CA-whole");
        Map<String, String> dial = status("CA-whole", "in-progress");
        dial.put("DialCallStatus", "completed");
        dial.put("DialCallDuration", "140");
        assertThat(TwilioPhone.verbs(phone.post(TwilioPhone.dialAction(voice).substring(hub.base().length()), dial, TOKEN))).containsExactly("Hangup");
        assertThat(statusCallback(status("CA-whole", "completed")).status()).isEqualTo(204);

        JsonNode p = delivered();
        assertThat(p.get("event").asText()).isEqualTo("call.completed");
        assertThat(p.get("destination_number").asText()).isEqualTo("+13055554567");
        JsonNode call = hub.get("/api/v1/calls/CA-whole").json();
        assertThat(call.get("status").asText()).isEqualTo("completed");
        assertThat(call.get("in_call_trace")).hasSize(3);
        assertThat(call.at("/in_call_trace/2/type").asText()).isEqualTo("dial");
        int rows = Integer.parseInt(StoreFile.query(dir, "SELECT count(*) FROM calls WHERE call_id = 'CA-whole'"));
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aLateRecordingFillsAnImmediateCallWithoutASecondDelivery() throws Exception {
        flow("immediate", "[]");
        assertThat(statusCallback(status("CA-late", "completed")).status()).isEqualTo(204);
        JsonNode first = delivered();
        assertThat(first.get("recording_url").isNull()).isTrue();

        assertThat(recordingCallback("CA-late", "completed").status()).isEqualTo(204);
        JsonNode call = hub.get("/api/v1/calls/CA-late").json();
        assertThat(call.get("recording_url").asText()).isEqualTo(RECORDING);
        assertThat(call.get("recording_duration").asInt()).isEqualTo(138);
        assertThat(call.get("duration_seconds").asInt()).as("the report's fields stay").isEqualTo(145);
        assertThat(receiver.poll(Duration.ofMillis(500))).as("no second delivery").isNull();
        assertThat(deliveriesOf("CA-late")).hasSize(1);
    }

    @Test
    void aRecordingBeforeTheAnalysisIsInTheWaitForAiDelivery() throws Exception {
        flow("wait_for_ai", "[]");
        assertThat(statusCallback(status("CA-ai", "completed")).status()).isEqualTo(204);
        assertThat(receiver.poll(Duration.ofMillis(300))).as("waits for the analysis").isNull();
        assertThat(recordingCallback("CA-ai", "completed").status()).isEqualTo(204);
        assertThat(hub.post("/api/v1/calls/CA-ai/analysis", "{\"ai_score\": 80, \"summary\": \"Wants a quote\"}").status()).isEqualTo(200);

        JsonNode p = delivered();
        assertThat(p.get("recording_url").asText()).isEqualTo(RECORDING);
        assertThat(p.get("recording_duration").asInt()).isEqualTo(138);
        assertThat(p.get("ai_score").asInt()).isEqualTo(80);
        assertThat(deliveriesOf("CA-ai")).hasSize(1);
    }

    @Test
    void aRecordingBeforeTheWaitForAiFallbackIsInThatDelivery() throws Exception {
        flow("wait_for_ai", "[]");
        assertThat(statusCallback(status("CA-fallback", "completed")).status()).isEqualTo(204);
        assertThat(recordingCallback("CA-fallback", "completed").status()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(5));
        hub.app().dispatcher().wake();
        JsonNode p = delivered();
        assertThat(p.get("ai_processed").asBoolean()).isFalse();
        assertThat(p.get("recording_url").asText()).isEqualTo(RECORDING);
    }

    @Test
    void aRecordingThatIsNotCompleteOrOfAnUnknownCallStoresNothing() {
        flow("immediate", "[]");
        assertThat(statusCallback(status("CA-rec", "completed")).status()).isEqualTo(204);
        assertThat(recordingCallback("CA-rec", "in-progress").status()).isEqualTo(204);
        assertThat(recordingCallback("CA-rec", "failed").status()).isEqualTo(204);
        assertThat(hub.get("/api/v1/calls/CA-rec").json().get("recording_url").isNull()).isTrue();
        Reply unknown = recordingCallback("CA-nobody", "completed");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error("field")).isEqualTo("CallSid");
    }

    @Test
    void badValuesAre400NamingTheParameterAndOtherBodiesAre415() {
        flow("immediate", "[]");
        Map<String, String> p = status("CA-bad", "completed");
        p.put("CallDuration", "a while");
        assertThat(statusCallback(p).error("field")).isEqualTo("CallDuration");
        p = status("CA-bad", "completed");
        p.put("RecordingUrl", "not a url");
        assertThat(statusCallback(p).error("field")).isEqualTo("RecordingUrl");
        p = status("CA bad", "completed");
        assertThat(statusCallback(p).error("field")).isEqualTo("CallSid");
        p = status("CA-bad", "completed");
        p.remove("CallStatus");
        Reply missing = statusCallback(p);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error("field")).isEqualTo("CallStatus");
        assertThat(hub.get("/api/v1/calls/CA-bad").status()).isEqualTo(404);

        Reply json = hub.withoutKey().send(HttpRequest.newBuilder(URI.create(hub.base() + "/twilio/voice"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"To\": \"" + NUMBER + "\"}")));
        assertThat(json.status()).isEqualTo(415);
        Reply undecodable = hub.withoutKey().send(HttpRequest.newBuilder(URI.create(hub.base() + "/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("To=%zz")));
        assertThat(undecodable.status()).isEqualTo(400);
    }

    private void awaitStored(String callSid) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.get("/api/v1/calls/" + callSid).status() != 200) {
            if (System.nanoTime() > deadline) throw new AssertionError(callSid + " not stored");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
