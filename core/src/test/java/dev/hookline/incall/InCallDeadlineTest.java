package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.auth.ApiKeys;
import dev.hookline.model.Step;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.store.Codec;
import dev.hookline.store.sqlite.SqliteStore;
import dev.hookline.testing.MutableClock;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's overall deadline (15 s, Twilio's wait for an answer). Time passes on a test clock: the
 * receiver moves it forward while it answers, as a slow routing server would use up the budget.
 */
class InCallDeadlineTest {
    static final String CALLER = "+13055551234";
    static final String NUMBER = "+15735551234";

    @TempDir Path dir;
    SqliteStore db;
    Receiver receiver;
    HttpClient client;
    ExecutorService worker;
    TraceKeeper traces;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    InCallEngine engine;
    String business;

    @BeforeEach
    void start() {
        ObjectMapper mapper = new ObjectMapper();
        db = SqliteStore.open(dir, false, new Codec(mapper));
        receiver = Receiver.start();
        client = HttpClients.start(new TargetPolicy(true), 4, "test-incall");
        worker = Executors.newFixedThreadPool(2);
        traces = new TraceKeeper(db.traces(), mapper, clock);
        business = new ApiKeys(db.keys(), clock).bootstrap(Optional.of("hk_test_key_0123456789abcdef"));
        engine = new InCallEngine(new WebhookSender(client), new InCallRequestBuilder(new TemplateCache(8)), traces, mapper, worker,
                InCallEngine.Limits.DEFAULT, clock);
    }

    @AfterEach
    void stop() throws InterruptedException {
        HttpClients.stop(client);
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        traces.close();
        receiver.close();
        db.close();
    }

    private InCallResult run(String sid, Step... steps) throws Exception {
        return engine.run(new LiveCall(business, sid, CALLER, NUMBER), new LiveFlow("flow-1", List.of(steps))).get(20, TimeUnit.SECONDS);
    }

    private Step.Webhook waitFor(String path, int timeoutSeconds) {
        return new Step.Webhook(receiver.url(path), "POST", null, timeoutSeconds, true);
    }

    @Test
    void onceTheDeadlineHasPassedWaitStepsAreNotSentAndTheFlowFallsThroughToItsOtherSteps() throws Exception {
        receiver.answer(r -> switch (r.path()) {
            case "/slow" -> {
                clock.advance(Duration.ofMillis(14_600)); // the routing server took 14.6 of the 15 s
                yield Answer.ok("{\"action\": \"say\", \"message\": \"One moment\"}");
            }
            default -> Answer.ok("ok");
        });
        InCallResult result = run("CA-past", waitFor("/slow", 20), waitFor("/never", 5),
                new Step.Webhook(receiver.url("/fired"), "POST", null, 5, false), new Step.Say("Connecting you"),
                new Step.Forward("+13055554567"));

        assertThat(result.trace()).extracting(TraceEntry::outcome)
                .containsExactly(Outcome.ANSWERED, Outcome.DEADLINE, Outcome.FIRED, Outcome.SAID, Outcome.FORWARDED);
        assertThat(result.trace().get(1).error()).contains("15 s deadline");
        assertThat(result.actions()).containsExactly(Action.say("One moment"), Action.say("Connecting you"), Action.forward("+13055554567"));
        // a fire-and-forget step does not hold the answer, so the deadline leaves it alone
        assertThat(VoiceClient.awaitRequest(receiver, "/fired", Duration.ofSeconds(5))).isNotNull();
        assertThat(VoiceClient.requestsTo(receiver, "/never")).isEmpty();
        assertThat(Outcome.DEADLINE.wire()).isEqualTo("deadline");
    }

    @Test
    void aWaitIsCutToWhatIsLeftOfTheDeadline() throws Exception {
        receiver.answer(r -> switch (r.path()) {
            case "/first" -> {
                clock.advance(Duration.ofSeconds(13)); // 2 s left, less the margin for the answer: 1.5 s
                yield Answer.status(204);
            }
            // answers within its own 5 s, but after what is left of the flow's 15 s
            case "/hanging" -> Answer.hang(Duration.ofSeconds(4));
            default -> Answer.ok("ok");
        });
        InCallResult result = run("CA-cut", waitFor("/first", 20), waitFor("/hanging", 5), new Step.Hangup("Please call back later"));

        assertThat(result.trace()).extracting(TraceEntry::outcome).containsExactly(Outcome.IGNORED, Outcome.DEADLINE, Outcome.HUNG_UP);
        assertThat(result.trace().get(1).error()).contains("15 s deadline").contains("allows 5 s");
        assertThat(result.trace().get(1).durationMs()).as("cut before the receiver's answer").isLessThan(4_000);
        assertThat(result.actions()).containsExactly(Action.hangup("Please call back later"));
    }

    @Test
    void withTimeLeftAStepKeepsItsOwnTimeout() throws Exception {
        receiver.answer(r -> r.path().equals("/first") ? Answer.status(204) : Answer.hang(Duration.ofSeconds(3)));
        clock.advance(Duration.ofSeconds(1)); // the run starts from whatever the clock says
        InCallResult result = run("CA-own", waitFor("/first", 20), waitFor("/slow", 1), new Step.Forward("+13055554567"));

        assertThat(result.trace()).extracting(TraceEntry::outcome).containsExactly(Outcome.IGNORED, Outcome.TIMED_OUT, Outcome.FORWARDED);
        assertThat(result.trace().get(1).error()).isEqualTo("no answer within 1 s");
    }
}
