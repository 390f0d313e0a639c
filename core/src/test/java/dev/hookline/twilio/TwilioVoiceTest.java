package dev.hookline.twilio;

import static dev.hookline.twilio.TwilioPhone.TOKEN;
import static dev.hookline.twilio.TwilioPhone.verbs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** POST /twilio/voice: each flow shape as TwiML, checked verb by verb, and the trace it leaves like voice/inbound's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioVoiceTest {
    static final AtomicInteger NUMBERS = new AtomicInteger(2000);
    static final String DESK = "+13055554567";

    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    TestHub hub;
    TwilioPhone phone;
    Receiver receiver;
    Map<String, Answer> answers = new ConcurrentHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) {
        hub = TestHub.start(dir, clock, c -> c);
        phone = new TwilioPhone(hub);
        TwilioPhone.setToken(hub, TOKEN);
        receiver = Receiver.start();
        receiver.answer(r -> answers.getOrDefault(r.path(), Answer.ok("ok")));
    }

    @AfterAll
    void stop() {
        receiver.close();
        hub.close();
    }

    /** Creates a flow with {@code steps} (a JSON array) on a fresh number; returns the number. */
    private String flow(String steps) {
        String number = "+1573555" + NUMBERS.incrementAndGet();
        Reply r = hub.post("/api/v1/call-flows", "{\"name\": \"twilio\", \"tracking_numbers\": [\"" + number + "\"], \"steps\": " + steps + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return number;
    }

    private String routing(String path, int timeoutSeconds) {
        return "{\"type\": \"webhook\", \"url\": \"" + receiver.url(path) + "\", \"wait_for_response\": true, \"timeout_seconds\": " + timeoutSeconds + "}";
    }

    @Test
    void sayThenForwardIsSayThenDialWithAnActionBackToTheHub() {
        String number = flow("[{\"type\": \"say\", \"message\": \"Welcome to Acme\"}, {\"type\": \"forward\", \"destination\": \"" + DESK + "\"}]");
        Reply r = phone.voice(number, "CA-say-forward");
        assertThat(verbs(r)).containsExactly("Say:Welcome to Acme", "Dial:" + DESK);
        assertThat(TwilioPhone.dialAction(r)).isEqualTo(hub.base() + "/twilio/dial?destination=%2B13055554567");
        assertThat(TwilioPhone.parse(r.body()).getElementsByTagName("Dial").item(0).getAttributes().getNamedItem("method").getNodeValue())
                .isEqualTo("POST");
    }

    @Test
    void aRoutingServerThatForwardsGivesADial() {
        answers.put("/route-forward", Answer.ok("{\"action\": \"forward\", \"destination\": \"+13055559999\"}"));
        String number = flow("[" + routing("/route-forward", 5) + ", {\"type\": \"hangup\", \"message\": \"Closed\"}]");
        assertThat(verbs(phone.voice(number, "CA-route-fwd"))).containsExactly("Dial:+13055559999");
        Receiver.Received asked = receiver.all().stream().filter(x -> x.path().equals("/route-forward")).findFirst().orElseThrow();
        assertThat(asked.text()).contains("CallSid=CA-route-fwd").contains("To=" + TwilioPhone.enc(number));
    }

    @Test
    void aRoutingServerThatHangsUpGivesSayThenHangup() {
        answers.put("/route-hangup", Answer.ok("{\"action\": \"hangup\", \"message\": \"We are closed\"}"));
        String number = flow("[" + routing("/route-hangup", 5) + ", {\"type\": \"forward\", \"destination\": \"" + DESK + "\"}]");
        assertThat(verbs(phone.voice(number, "CA-route-hangup"))).containsExactly("Say:We are closed", "Hangup");
    }

    @Test
    void aRoutingServerThatIsDownLeavesTheFlowToItsFallback() {
        answers.put("/route-down", Answer.status(503));
        String number = flow("[" + routing("/route-down", 5) + ", {\"type\": \"forward\", \"destination\": \"" + DESK + "\"}]");
        assertThat(verbs(phone.voice(number, "CA-route-down"))).containsExactly("Dial:" + DESK);
    }

    @Test
    void aForwardToSomethingOtherThanAPhoneNumberIsNotDialled() {
        answers.put("/route-sip", Answer.ok("{\"action\": \"forward\", \"destination\": \"sip:desk@pbx.example.com\"}"));
        String number = flow("[" + routing("/route-sip", 5) + "]");
        assertThat(verbs(phone.voice(number, "CA-route-sip"))).as("an unusable routing answer: the flow goes on and runs out")
                .containsExactly("Hangup");
    }

    @Test
    void aFlowThatRunsOutOfStepsHangsUp() {
        assertThat(verbs(phone.voice(flow("[{\"type\": \"say\", \"message\": \"Hello\"}]"), "CA-out"))).containsExactly("Say:Hello", "Hangup");
        assertThat(verbs(phone.voice(flow("[]"), "CA-empty"))).containsExactly("Hangup");
        answers.put("/route-say", Answer.ok("{\"action\": \"say\", \"message\": \"Please hold\"}"));
        assertThat(verbs(phone.voice(flow("[" + routing("/route-say", 5) + "]"), "CA-say-out"))).containsExactly("Say:Please hold", "Hangup");
    }

    @Test
    void specialCharactersStillGiveValidTwimlWithTheSameText() {
        String tricky = "Tom & Jerry's <b>\\\"deals\\\"</b> > 50% ]]>";
        String number = flow("[{\"type\": \"say\", \"message\": \"" + tricky + "\"}, {\"type\": \"hangup\", \"message\": \"1 < 2 & 'bye'\"}]");
        assertThat(verbs(phone.voice(number, "CA-chars"))).containsExactly("Say:Tom & Jerry's <b>\"deals\"</b> > 50% ]]>", "Say:1 < 2 & 'bye'", "Hangup");

        // a routing answer may carry characters XML cannot hold at all: they are left out
        answers.put("/route-odd", Answer.ok("{\"action\": \"say\", \"message\": \"bell\\u0007 & tab\\there \\ud83d\\ude00\"}"));
        assertThat(verbs(phone.voice(flow("[" + routing("/route-odd", 5) + "]"), "CA-odd"))).containsExactly("Say:bell & tab\there \ud83d\ude00", "Hangup");
    }

    @Test
    void theRunIsTheSameAsVoiceInboundsAndItsTraceIsStoredWithTheCall() {
        answers.put("/route-same", Answer.ok("{\"action\": \"say\", \"message\": \"One moment\"}"));
        String number = flow("[{\"type\": \"webhook\", \"url\": \"" + receiver.url("/fired-same") + "\"}, " + routing("/route-same", 5)
                + ", {\"type\": \"forward\", \"destination\": \"" + DESK + "\"}]");
        Reply inbound = hub.send(java.net.http.HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/voice/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("From=%2B13055551234&To=" + TwilioPhone.enc(number) + "&CallSid=CA-same-api")));
        assertThat(inbound.status()).isEqualTo(200);
        assertThat(verbs(phone.voice(number, "CA-same-twilio"))).containsExactly("Say:One moment", "Dial:" + DESK);

        JsonNode api = awaitTrace("CA-same-api", t -> t.size() == 3 && !t.at("/0/outcome").asText().equals("fired"));
        JsonNode twilio = awaitTrace("CA-same-twilio", t -> t.size() == 3 && !t.at("/0/outcome").asText().equals("fired"));
        assertThat(outcomes(twilio)).isEqualTo(outcomes(api)).containsExactly("0:webhook:delivered", "1:webhook:answered", "2:forward:forwarded");
        JsonNode call = hub.get("/api/v1/calls/CA-same-twilio").json();
        assertThat(call.get("tracking_number").asText()).isEqualTo(number);
        assertThat(call.get("caller_number").asText()).isEqualTo(TwilioPhone.CALLER);
        assertThat(call.get("status").isNull()).as("live only, not reported yet").isTrue();
    }

    @Test
    void theDialActionRecordsTheForwardedLegAndHangsUp() {
        String number = flow("[{\"type\": \"say\", \"message\": \"Connecting\"}, {\"type\": \"forward\", \"destination\": \"" + DESK + "\"}]");
        Reply voice = phone.voice(number, "CA-dial");
        awaitTrace("CA-dial", t -> t.size() == 2);
        String action = TwilioPhone.dialAction(voice);
        Map<String, String> params = TwilioPhone.incoming(number, "CA-dial");
        params.put("CallStatus", "in-progress");
        params.put("DialCallSid", "CA-leg-2");
        params.put("DialCallStatus", "completed");
        params.put("DialCallDuration", "42");
        Reply r = phone.post(action.substring(hub.base().length()), params, TOKEN);
        assertThat(verbs(r)).containsExactly("Hangup");

        JsonNode call = hub.get("/api/v1/calls/CA-dial").json();
        assertThat(outcomes(call.get("in_call_trace"))).containsExactly("0:say:said", "1:forward:forwarded", "1:dial:completed");
        assertThat(call.at("/in_call_trace/2/duration_ms").asLong()).isEqualTo(42_000);
        assertThat(call.get("destination_number").asText()).isEqualTo(DESK);
    }

    @Test
    void theDeadlineKeepsTheAnswerInsideTwiliosFifteenSeconds() {
        answers.put("/route-slow", Answer.ok("{\"action\": \"say\", \"message\": \"Still here\"}"));
        receiver.answer(r -> {
            if (r.path().equals("/route-slow")) clock.advance(Duration.ofMillis(14_700)); // the routing server used up the budget
            return answers.getOrDefault(r.path(), Answer.ok("ok"));
        });
        try {
            String number = flow("[" + routing("/route-slow", 20) + ", " + routing("/route-never", 5)
                    + ", {\"type\": \"forward\", \"destination\": \"" + DESK + "\"}]");
            assertThat(verbs(phone.voice(number, "CA-deadline"))).containsExactly("Say:Still here", "Dial:" + DESK);
            assertThat(outcomes(awaitTrace("CA-deadline", t -> t.size() == 3)))
                    .containsExactly("0:webhook:answered", "1:webhook:deadline", "2:forward:forwarded");
            assertThat(receiver.all()).noneMatch(x -> x.path().equals("/route-never"));
        } finally {
            receiver.answer(r -> answers.getOrDefault(r.path(), Answer.ok("ok")));
        }
    }

    private JsonNode awaitTrace(String callSid, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode trace = null;
        while (System.nanoTime() < deadline) {
            Reply r = hub.get("/api/v1/calls/" + callSid);
            trace = r.status() == 200 ? r.json().get("in_call_trace") : null;
            if (trace != null && !trace.isNull() && done.test(trace)) return trace;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the trace of " + callSid + " did not settle; last seen: " + trace);
    }

    static List<String> outcomes(JsonNode trace) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : trace) out.add(t.get("step").asText() + ":" + t.get("type").asText() + ":" + t.get("outcome").asText());
        return out;
    }
}
