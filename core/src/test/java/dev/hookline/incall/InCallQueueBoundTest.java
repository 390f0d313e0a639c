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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fire-and-forget bound: overflow is recorded and never waited for. The bound is set to 1 here; the hub uses 256. */
class InCallQueueBoundTest {

    @Test
    void aFireOverTheBoundIsDroppedWithoutWaiting(@TempDir Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (SqliteStore db = SqliteStore.open(dir, false, new Codec(mapper)); Receiver receiver = Receiver.start()) {
            HttpClient client = HttpClients.start(new TargetPolicy(true), 4, "test-incall");
            ExecutorService worker = Executors.newFixedThreadPool(2);
            TraceKeeper traces = new TraceKeeper(db.traces(), mapper, Clock.systemUTC());
            try {
                receiver.answer(Answer.hang(Duration.ofSeconds(3)));
                String business = new ApiKeys(db.keys(), Clock.systemUTC()).bootstrap(Optional.of("hk_test_key_0123456789abcdef"));
                InCallEngine engine = new InCallEngine(new WebhookSender(client), new InCallRequestBuilder(new TemplateCache(8)),
                        traces, mapper, worker, new InCallEngine.Limits(1, 1, 64 * 1024, Duration.ofSeconds(15)), Clock.systemUTC());
                Step.Webhook slow = new Step.Webhook(receiver.url("/slow"), "POST", null, 5, false);
                LiveFlow flow = new LiveFlow("flow-1", List.of(slow, slow, new Step.Forward("+13055554567")));

                long start = System.nanoTime();
                InCallResult result = engine.run(new LiveCall(business, "CA-bound", "+13055551234", "+15735551234"), flow).get(5, TimeUnit.SECONDS);
                long tookMs = (System.nanoTime() - start) / 1_000_000;

                assertThat(tookMs).isLessThan(1000);
                assertThat(result.trace()).extracting(TraceEntry::outcome)
                        .containsExactly(Outcome.FIRED, Outcome.DROPPED_QUEUE_FULL, Outcome.FORWARDED);
                assertThat(result.trace().get(1).error()).isNotBlank();
                assertThat(result.actions()).containsExactly(Action.forward("+13055554567"));
                assertThat(receiver.next(Duration.ofSeconds(5)).path()).isEqualTo("/slow");
                assertThat(receiver.poll(Duration.ofMillis(200))).as("the dropped step was never sent").isNull();
            } finally { // before the store closes: the open request ends and its outcome is written
                HttpClients.stop(client);
                worker.shutdown();
                worker.awaitTermination(5, TimeUnit.SECONDS);
                traces.close();
            }
        }
    }
}
