package dev.hookline.incall;

import static dev.hookline.incall.VoiceClient.fire;
import static dev.hookline.incall.VoiceClient.forward;
import static dev.hookline.incall.VoiceClient.hangup;
import static dev.hookline.incall.VoiceClient.say;
import static dev.hookline.incall.VoiceClient.steps;
import static dev.hookline.incall.VoiceClient.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a live flow runs: step order, early end, fire-and-forget and wait-for-response webhooks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InCallFlowRunTest {
    static final Duration SETTLE = Duration.ofSeconds(10);
    static final String CALLER = "+13055551234";
    static final String FALLBACK = "+13055550000";

    TestHub hub;
    VoiceClient voice;
    Receiver receiver;
    Map<String, Answer> answers;

    @BeforeAll
    void start(@TempDir Path dir) {
        hub = TestHub.start(dir);
        voice = new VoiceClient(hub);
        receiver = Receiver.start();
        answers = VoiceClient.answersByPath(receiver);
    }

    @AfterAll
    void stop() {
        receiver.close();
        hub.close();
    }

    /** Creates a flow on a fresh number, runs voice/inbound for {@code sid}, and returns the 200 answer. */
    @SafeVarargs
    private JsonNode run(String sid, Map<String, Object>... flowSteps) {
        String number = VoiceClient.freshNumber();
        voice.flow(number, steps(flowSteps));
        Reply r = voice.inbound(CALLER, number, sid);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("call_sid").asText()).isEqualTo(sid);
        return r.json();
    }

    private static List<String> actions(JsonNode answer) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : answer.get("actions")) {
            String action = a.get("action").asText();
            JsonNode arg = action.equals("forward") ? a.get("destination") : a.get("message");
            out.add(action + ":" + (arg.isNull() ? "null" : arg.asText()));
        }
        return out;
    }

    private static List<String> outcomes(JsonNode trace) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : trace) out.add(t.get("step").asInt() + ":" + t.get("type").asText() + ":" + t.get("outcome").asText());
        return out;
    }

    @Test
    void stepsRunInOrderAndNothingRunsAfterTheEnd() {
        JsonNode answer = run("CA-order", say("one"), say("two"), fire(receiver.url("/order-fired")), say("three"), hangup("bye"),
                say("never"), waitFor(receiver.url("/order-after-end"), 5));
        assertThat(actions(answer)).containsExactly("say:one", "say:two", "say:three", "hangup:bye");
        assertThat(outcomes(answer.get("trace")))
                .containsExactly("0:say:said", "1:say:said", "2:webhook:fired", "3:say:said", "4:hangup:hung_up");
        assertThat(answer.get("call_flow_id").asText()).isNotBlank();
        VoiceClient.awaitRequest(receiver, "/order-fired", SETTLE);
        assertThat(VoiceClient.requestsTo(receiver, "/order-after-end")).isEmpty();
    }

    @Test
    void aFlowThatRunsOutOfStepsHangsUp() {
        assertThat(actions(run("CA-out", say("hello")))).containsExactly("say:hello", "hangup:null");
        JsonNode empty = run("CA-empty");
        assertThat(actions(empty)).containsExactly("hangup:null");
        assertThat(empty.get("trace")).isEmpty();
    }

    @Test
    void fireAndForgetDoesNotWaitForASlowReceiverAndItsOutcomeLandsInTheTrace() {
        answers.put("/slow", Answer.hang(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        JsonNode answer = run("CA-slow", fire(receiver.url("/slow")), forward("+13055554567"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).as("the answer must not wait for the 3 s receiver").isLessThan(1000);
        assertThat(actions(answer)).containsExactly("forward:+13055554567");
        assertThat(outcomes(answer.get("trace"))).containsExactly("0:webhook:fired", "1:forward:forwarded");
        assertThat(answer.at("/trace/0/status_code").isNull()).isTrue();

        JsonNode stored = voice.awaitTrace("CA-slow", SETTLE, t -> !t.at("/0/outcome").asText().equals("fired"));
        assertThat(stored.at("/0/outcome").asText()).isEqualTo("delivered");
        assertThat(stored.at("/0/status_code").asInt()).isEqualTo(200);
        assertThat(stored.at("/0/duration_ms").asLong()).isGreaterThanOrEqualTo(2900);
        assertThat(stored.at("/1/outcome").asText()).isEqualTo("forwarded");
    }

    @Test
    void fireAndForgetFailuresAreRecordedToo() {
        answers.put("/fire-500", Answer.status(500));
        run("CA-fire-fail", fire(receiver.url("/fire-500")), fire(deadUrl()), forward("+13055554567"));
        JsonNode stored = voice.awaitTrace("CA-fire-fail", SETTLE,
                t -> !t.at("/0/outcome").asText().equals("fired") && !t.at("/1/outcome").asText().equals("fired"));
        assertThat(stored.at("/0/outcome").asText()).isEqualTo("error_status");
        assertThat(stored.at("/0/status_code").asInt()).isEqualTo(500);
        assertThat(stored.at("/1/outcome").asText()).isEqualTo("error");
        assertThat(stored.at("/1/error").asText()).isNotBlank();
    }

    @Test
    void aForwardAnswerEndsTheFlow() {
        answers.put("/route-forward", Answer.ok("{\"action\": \"forward\", \"destination\": \"+13055554567\"}"));
        JsonNode answer = run("CA-wait-forward", waitFor(receiver.url("/route-forward"), 5), forward(FALLBACK),
                waitFor(receiver.url("/after-forward"), 5));
        assertThat(actions(answer)).containsExactly("forward:+13055554567");
        assertThat(outcomes(answer.get("trace"))).containsExactly("0:webhook:answered");
        assertThat(answer.at("/trace/0/status_code").asInt()).isEqualTo(200);
        assertThat(answer.at("/trace/0/error").isNull()).isTrue();
        assertThat(VoiceClient.requestsTo(receiver, "/after-forward")).isEmpty();
        // the stored trace is the same, with the call (written just after the answer)
        assertThat(outcomes(voice.awaitTrace("CA-wait-forward", SETTLE, t -> true))).containsExactly("0:webhook:answered");
    }

    @Test
    void aSayAnswerAddsItsMessageAndTheFlowGoesOn() {
        answers.put("/route-say", Answer.ok("{\"action\": \"say\", \"message\": \"Thanks for calling!\"}"));
        JsonNode answer = run("CA-wait-say", waitFor(receiver.url("/route-say"), 5), forward(FALLBACK));
        assertThat(actions(answer)).containsExactly("say:Thanks for calling!", "forward:" + FALLBACK);
        assertThat(outcomes(answer.get("trace"))).containsExactly("0:webhook:answered", "1:forward:forwarded");
    }

    @Test
    void aHangupAnswerEndsTheFlow() {
        answers.put("/route-hangup", Answer.ok("{\"action\": \"hangup\", \"message\": \"We are currently closed.\"}"));
        JsonNode answer = run("CA-wait-hangup", waitFor(receiver.url("/route-hangup"), 5), forward(FALLBACK));
        assertThat(actions(answer)).containsExactly("hangup:We are currently closed.");
        assertThat(outcomes(answer.get("trace"))).containsExactly("0:webhook:answered");
    }

    @Test
    void aTimeoutIsRecordedAndTheFlowGoesOn() {
        answers.put("/route-slow", Answer.hang(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        JsonNode answer = run("CA-wait-timeout", waitFor(receiver.url("/route-slow"), 1), forward(FALLBACK));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(actions(answer)).containsExactly("forward:" + FALLBACK);
        assertThat(outcomes(answer.get("trace"))).containsExactly("0:webhook:timed_out", "1:forward:forwarded");
        assertThat(answer.at("/trace/0/duration_ms").asLong()).isBetween(900L, 2500L);
        assertThat(answer.at("/trace/0/error").asText()).contains("1 s");
        assertThat(tookMs).as("waits for the step's timeout, not for the receiver").isLessThan(2800);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                    | 200 | Thanks!                                       | ignored",
            "JSON but not an object      | 200 | [\"forward\"]                                 | ignored",
            "no action                   | 200 | {\"destination\": \"+13055554567\"}           | ignored",
            "unknown action              | 200 | {\"action\": \"dance\"}                       | ignored",
            "forward without destination | 200 | {\"action\": \"forward\"}                     | ignored",
            "say without message         | 200 | {\"action\": \"say\"}                         | ignored",
            "forward to no phone number  | 200 | {\"action\": \"forward\", \"destination\": \"sip:desk@example.com\"} | ignored",
            "text after the JSON         | 200 | {\"action\": \"hangup\"} and more             | ignored",
            "empty answer                | 204 | ''                                            | ignored",
            "server error                | 500 | {\"action\": \"forward\", \"destination\": \"+13055554567\"} | error_status",
            "not found                   | 404 | nope                                          | error_status",
    })
    void anUnusableAnswerIsRecordedAndTheFlowGoesOn(String why, int status, String body, String outcome) {
        String path = "/garbage-" + why.replace(' ', '-');
        answers.put(path, new Answer(status, body, Duration.ZERO, Map.of()));
        JsonNode answer = run("CA-garbage-" + why.replace(' ', '-'), waitFor(receiver.url(path), 5), forward(FALLBACK));
        assertThat(actions(answer)).as(why).containsExactly("forward:" + FALLBACK);
        assertThat(answer.at("/trace/0/outcome").asText()).as(why).isEqualTo(outcome);
        assertThat(answer.at("/trace/0/status_code").asInt()).as(why).isEqualTo(status);
        assertThat(answer.at("/trace/0/error").asText()).as(why).isNotBlank();
    }

    @Test
    void anAnswerOverTheSizeLimitIsNotRead() {
        String big = "{\"action\": \"say\", \"message\": \"" + "x".repeat(100 * 1024) + "\"}";
        answers.put("/route-big", Answer.ok(big));
        JsonNode answer = run("CA-big", waitFor(receiver.url("/route-big"), 5), forward(FALLBACK));
        assertThat(actions(answer)).containsExactly("forward:" + FALLBACK);
        assertThat(answer.at("/trace/0/outcome").asText()).isEqualTo("ignored");
        assertThat(answer.at("/trace/0/error").asText()).contains("64 KiB");
    }

    @Test
    void anUnreachableRoutingServerIsAnErrorAndTheFlowGoesOn() {
        JsonNode answer = run("CA-dead", waitFor(deadUrl(), 5), say("Sorry"), forward(FALLBACK));
        assertThat(actions(answer)).containsExactly("say:Sorry", "forward:" + FALLBACK);
        assertThat(answer.at("/trace/0/outcome").asText()).isEqualTo("error");
        assertThat(answer.at("/trace/0/error").asText()).isNotBlank();
    }

    @Test
    void waitStepsCanFollowEachOther() {
        answers.put("/chain-1", Answer.ok("{\"action\": \"say\", \"message\": \"first\"}"));
        answers.put("/chain-2", Answer.ok("{\"action\": \"forward\", \"destination\": \"+13055554567\"}"));
        JsonNode answer = run("CA-chain", waitFor(receiver.url("/chain-1"), 5), say("between"), waitFor(receiver.url("/chain-2"), 5),
                forward(FALLBACK));
        assertThat(actions(answer)).containsExactly("say:first", "say:between", "forward:+13055554567");
        assertThat(outcomes(answer.get("trace"))).containsExactly("0:webhook:answered", "1:say:said", "2:webhook:answered");
    }

    /** A loopback URL where nothing listens. */
    private static String deadUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/dead";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
