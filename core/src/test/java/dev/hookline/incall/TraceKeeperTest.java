package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.auth.ApiKeys;
import dev.hookline.model.Step;
import dev.hookline.store.Codec;
import dev.hookline.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a fired webhook's outcome reaches the stored trace, against a real store. */
class TraceKeeperTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir Path dir;
    SqliteStore db;
    TraceKeeper store;
    String business;
    LiveFlow flow;

    @BeforeEach
    void open() {
        db = SqliteStore.open(dir, false, new Codec(MAPPER));
        business = new ApiKeys(db.keys(), Clock.systemUTC()).bootstrap(Optional.of("hk_test_key_0123456789abcdef"));
        store = new TraceKeeper(db.traces(), MAPPER, Clock.systemUTC());
        flow = new LiveFlow("flow-1", List.of(new Step.Webhook("http://127.0.0.1:9/x", "POST", null, 5, false)));
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    /** A run (registered with the store) whose step 0 was fired and is still out. */
    private FlowRun firedRun(String sid) {
        FlowRun run = new FlowRun(new LiveCall(business, sid, "+13055551234", "+15735551234"), flow, Long.MAX_VALUE);
        store.begin(run);
        run.backgroundStarted();
        run.record(TraceEntry.of(0, "webhook", Outcome.FIRED, 0));
        run.act(Action.hangup(null));
        return run;
    }

    private static TraceEntry delivered() {
        return new TraceEntry(0, "webhook", Outcome.DELIVERED, 200, 42, null);
    }

    private JsonNode storedTrace(String sid) throws Exception {
        String text = db.calls().find(business, sid).map(c -> c.inCallTrace()).orElse("null");
        return MAPPER.readTree(text);
    }

    /** The stored trace once {@code done} holds; the writer runs just behind the answer. */
    private JsonNode awaitTrace(String sid, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode t = storedTrace(sid);
        while (!done.test(t) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            t = storedTrace(sid);
        }
        return t;
    }

    private static Predicate<JsonNode> outcome(String o) {
        return t -> t.isArray() && t.at("/0/outcome").asText().equals(o);
    }

    @Test
    void anOutcomeThatEndsBeforeTheRunIsStoredIsStoredWithIt() throws Exception {
        FlowRun run = firedRun("CA-1");
        store.settle(run, 0, delivered());
        store.save(run);
        assertThat(awaitTrace("CA-1", outcome("delivered")).at("/0/outcome").asText()).isEqualTo("delivered");
        assertThat(run.result().trace().get(0).outcome()).as("the answer shows the step as the flow passed it").isEqualTo(Outcome.FIRED);
    }

    @Test
    void anOutcomeThatEndsAfterwardsUpdatesTheStoredEntry() throws Exception {
        FlowRun run = firedRun("CA-2");
        store.save(run);
        assertThat(awaitTrace("CA-2", outcome("fired")).at("/0/outcome").asText()).isEqualTo("fired");
        store.settle(run, 0, delivered());
        JsonNode trace = awaitTrace("CA-2", outcome("delivered"));
        assertThat(trace.at("/0/outcome").asText()).isEqualTo("delivered");
        assertThat(trace.at("/0/status_code").asInt()).isEqualTo(200);
        assertThat(trace.at("/0/duration_ms").asInt()).isEqualTo(42);
    }

    @Test
    void aLateOutcomeOfAReplacedRunDoesNotTouchTheNewTrace() throws Exception {
        FlowRun first = firedRun("CA-3");
        store.save(first);
        awaitTrace("CA-3", outcome("fired"));
        FlowRun retry = firedRun("CA-3");
        retry.record(TraceEntry.of(1, "say", Outcome.SAID, 0));
        store.save(retry);
        store.settle(first, 0, delivered());
        store.close(); // everything queued is written
        JsonNode trace = storedTrace("CA-3");
        assertThat(trace).hasSize(2);
        assertThat(trace.at("/0/outcome").asText()).isEqualTo("fired");
    }

    @Test
    void closeWritesWhatIsQueued() throws Exception {
        for (int i = 0; i < 50; i++) store.save(firedRun("CA-many-" + i));
        store.close();
        for (int i = 0; i < 50; i++) assertThat(storedTrace("CA-many-" + i)).hasSize(1);
    }
}
