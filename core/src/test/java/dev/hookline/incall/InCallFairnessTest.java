package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.auth.ApiKeys;
import dev.hookline.model.Step;
import dev.hookline.net.HttpClients;
import dev.hookline.net.TargetPolicy;
import dev.hookline.store.Codec;
import dev.hookline.store.sqlite.SqliteStore;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One business whose routing server hangs takes at most its share of the wait slots; another
 * business's live calls still get theirs. Bounds are small here (8 in all, 2 per business); the hub
 * uses 256 and 64.
 */
class InCallFairnessTest {

    @Test
    void aBusinessAtItsShareIsDroppedWhileAnotherStillWaitsForItsAnswer(@TempDir Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (SqliteStore db = SqliteStore.open(dir, false, new Codec(mapper)); Receiver receiver = Receiver.start()) {
            HttpClient client = HttpClients.start(new TargetPolicy(true), 16, "test-incall-fair");
            ExecutorService worker = Executors.newFixedThreadPool(2);
            TraceKeeper traces = new TraceKeeper(db.traces(), mapper, Clock.systemUTC());
            try {
                receiver.answer(r -> r.path().equals("/hang") ? Answer.hang(Duration.ofSeconds(3))
                        : Answer.ok("{\"action\": \"forward\", \"destination\": \"+13055559999\"}"));
                ApiKeys keys = new ApiKeys(db.keys(), Clock.systemUTC());
                String greedy = keys.bootstrap(Optional.of("hk_test_key_0123456789abcdef"));
                String polite = keys.createBusiness("Polite")[0];
                InCallEngine engine = new InCallEngine(new WebhookSender(client), new InCallRequestBuilder(new TemplateCache(8)),
                        traces, mapper, worker, new InCallEngine.Limits(8, 8, 64 * 1024, Duration.ofSeconds(15)), Clock.systemUTC());
                LiveFlow hanging = new LiveFlow("flow-hang", List.of(new Step.Webhook(receiver.url("/hang"), "POST", null, 5, true),
                        new Step.Forward("+13055554567")));
                LiveFlow routing = new LiveFlow("flow-route", List.of(new Step.Webhook(receiver.url("/route"), "POST", null, 5, true),
                        new Step.Forward("+13055554567")));

                List<CompletableFuture<InCallResult>> held = new ArrayList<>();
                for (int i = 0; i < 2; i++) held.add(engine.run(new LiveCall(greedy, "CA-g" + i, "+13055551234", "+15735551234"), hanging));
                for (int i = 0; i < 2; i++) receiver.next(Duration.ofSeconds(5)); // both are waiting on the hanging server

                InCallResult third = engine.run(new LiveCall(greedy, "CA-g3", "+13055551234", "+15735551234"), hanging).get(5, TimeUnit.SECONDS);
                assertThat(third.trace().get(0).outcome()).isEqualTo(Outcome.DROPPED_QUEUE_FULL);
                assertThat(third.trace().get(0).error()).contains("for this business");

                InCallResult other = engine.run(new LiveCall(polite, "CA-p", "+13055551234", "+15735559999"), routing).get(5, TimeUnit.SECONDS);
                assertThat(other.trace().get(0).outcome()).isEqualTo(Outcome.ANSWERED);
                assertThat(other.actions()).containsExactly(Action.forward("+13055559999"));

                for (CompletableFuture<InCallResult> h : held) {
                    assertThat(h.get(10, TimeUnit.SECONDS).trace().get(0).outcome()).isEqualTo(Outcome.IGNORED); // "late" is no action
                }
                // its slots are back: the greedy business may wait again
                InCallResult again = engine.run(new LiveCall(greedy, "CA-g4", "+13055551234", "+15735551234"), routing).get(5, TimeUnit.SECONDS);
                assertThat(again.trace().get(0).outcome()).isEqualTo(Outcome.ANSWERED);
            } finally {
                HttpClients.stop(client);
                worker.shutdown();
                worker.awaitTermination(5, TimeUnit.SECONDS);
                traces.close();
            }
        }
    }
}
