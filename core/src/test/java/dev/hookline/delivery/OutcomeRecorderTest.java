package dev.hookline.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.metrics.Metrics;
import dev.hookline.metrics.Scrape;
import dev.hookline.model.Attempt;
import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.model.Endpoint;
import dev.hookline.model.FiringMode;
import dev.hookline.plugins.Verdict;
import dev.hookline.store.Codec;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.DeliveryStore.Picker;
import dev.hookline.store.Store;
import dev.hookline.store.StoreContractTest;
import dev.hookline.store.sqlite.SqliteStore;
import dev.hookline.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outcome recorder alone, on a real SQLite store: what each outcome makes of its claimed delivery, and what it counts. */
class OutcomeRecorderTest {
    private static final String RUN = "run-a";
    @TempDir Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-30T14:30:00Z"));
    private final List<Long> announced = new CopyOnWriteArrayList<>();
    private final Metrics metrics = Metrics.create();
    private Store store;
    private OutcomeRecorder recorder;
    private String business;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir, false, new Codec(new ObjectMapper()));
        business = store.keys().ensureFirstBusiness("b-1", "Default", clock.millis());
        RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(10), Duration.ofMinutes(5)));
        recorder = new OutcomeRecorder(store.deliveries(), policy, clock, RUN, announced::add, metrics.deliveries());
    }

    @AfterEach
    void close() {
        recorder.close();
        store.close();
        metrics.close();
    }

    @Test
    void aRetryableFailureStaysPendingUntilThePolicysDelayIsAnnouncedAndReleasesTheClaim() throws Exception {
        Delivery d = claimed("c-1", 3);
        long sentAt = clock.millis();
        clock.advance(Duration.ofMillis(40));
        record(d, outcome(Verdict.retry("HTTP 503"), 503, "HTTP 503"), sentAt);

        Delivery after = find(d);
        assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(after.claimedBy()).isNull();
        assertThat(after.nextAttemptAt()).isEqualTo(clock.millis() + 10_000);
        assertThat(after.completedAt()).isNull();
        assertThat(after.lastError()).isEqualTo("HTTP 503");
        assertThat(announced).containsExactly(clock.millis() + 10_000);
        Attempt a = attempts(d).get(0);
        assertThat(a.attempt()).isEqualTo(1);
        assertThat(a.sentAt()).isEqualTo(sentAt);
        assertThat(a.statusCode()).isEqualTo(503);
        assertThat(a.error()).isEqualTo("HTTP 503");
        assertThat(a.responseBody()).isEqualTo("busy");
        assertThat(count("hookline_delivery_attempt_seconds_count", "outcome=failure")).isEqualTo(1);
        assertThat(count("hookline_deliveries_total", "outcome=failed")).as("not finished yet").isZero();
    }

    @Test
    void theSecondAttemptWaitsTheSecondDelay() throws Exception {
        Delivery d = claimed("c-2", 3);
        record(d, outcome(Verdict.retry("refused"), null, "connection refused"), clock.millis());
        clock.advance(Duration.ofSeconds(10));
        Delivery again = claimAgain();
        assertThat(again.attempts()).isEqualTo(2);
        record(again, outcome(Verdict.retry("refused"), null, "connection refused"), clock.millis());
        assertThat(find(d).nextAttemptAt()).isEqualTo(clock.millis() + 300_000);
        assertThat(attempts(d)).extracting(Attempt::attempt).containsExactly(1, 2);
    }

    @Test
    void aPermanentFailureEndsTheDeliveryAtOnceAndCountsItAsFailed() throws Exception {
        Delivery d = claimed("c-3", 3);
        record(d, outcome(Verdict.permanent("HTTP 410"), 410, "HTTP 410"), clock.millis());
        Delivery after = find(d);
        assertThat(after.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(after.completedAt()).isEqualTo(clock.millis());
        assertThat(after.nextAttemptAt()).isNull();
        assertThat(announced).isEmpty();
        assertThat(count("hookline_deliveries_total", "outcome=failed")).isEqualTo(1);
    }

    @Test
    void theLastAllowedAttemptEndsTheDeliveryEvenWhenTheReceiverWouldTakeARetry() throws Exception {
        Delivery d = claimed("c-4", 1);
        record(d, outcome(Verdict.retry("HTTP 500"), 500, "HTTP 500"), clock.millis());
        assertThat(find(d).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(announced).isEmpty();
    }

    @Test
    void aSuccessEndsTheDeliveryAndCountsIt() throws Exception {
        Delivery d = claimed("c-5", 3);
        record(d, new AttemptOutcome(Verdict.success(), 200, 12, null, "ok", true, true), clock.millis());
        Delivery after = find(d);
        assertThat(after.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(after.claimedBy()).isNull();
        assertThat(after.completedAt()).isEqualTo(clock.millis());
        assertThat(attempts(d).get(0).responseBody()).isEqualTo("ok");
        assertThat(count("hookline_deliveries_total", "outcome=succeeded")).isEqualTo(1);
        assertThat(count("hookline_delivery_attempt_seconds_count", "outcome=success")).isEqualTo(1);
    }

    @Test
    void aReceiverCannotParkADeliveryForLongerThanAnHour() throws Exception {
        Delivery d = claimed("c-6", 3);
        record(d, outcome(Verdict.retryAfter(Duration.ofDays(30), "HTTP 429"), 429, "HTTP 429"), clock.millis());
        assertThat(find(d).nextAttemptAt()).isEqualTo(clock.millis() + Duration.ofHours(1).toMillis());
    }

    @Test
    void aSkippedDeliveryEndsWithItsReasonBeforeAnyAttempt() throws Exception {
        Delivery d = claimed("c-7", 3);
        recorder.skip(d, "ai_score 12 is below 50").get(10, TimeUnit.SECONDS);
        Delivery after = find(d);
        assertThat(after.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(after.claimedBy()).isNull();
        assertThat(after.attempts()).as("the claim's attempt is given back").isZero();
        assertThat(after.lastError()).isEqualTo("ai_score 12 is below 50");
        assertThat(attempts(d)).isEmpty();
        assertThat(recorder.pending()).isZero();
    }

    private static AttemptOutcome outcome(Verdict v, Integer status, String error) {
        return new AttemptOutcome(v, status, 25, error, status == null ? null : "busy", status != null, status != null);
    }

    private void record(Delivery d, AttemptOutcome o, long sentAt) throws Exception {
        assertThat(recorder.record(d, d.attempts(), sentAt, o).get(10, TimeUnit.SECONDS)).isSameAs(o);
        assertThat(recorder.pending()).isZero();
    }

    /** A stored call with one delivery allowing {@code maxAttempts}, claimed by this run. */
    private Delivery claimed(String callId, int maxAttempts) {
        long now = clock.millis();
        Call c = new Call(callId, business, "f-1", "+15735551234", "+13055559876", "completed", Map.of(), false, null, now, now);
        Endpoint e = new Endpoint("https://a.example/hook", "a.example", "webhook", "{}", "whsec_test", "{}");
        Delivery d = Delivery.pending("d-" + callId, c, StoreContractTest.flowFor(business, "f-1", List.of(), FiringMode.IMMEDIATE),
                "call.completed", e, maxAttempts, false, now, now);
        store.calls().ingest(c, d, live -> live).join();
        return claimAgain();
    }

    private Delivery claimAgain() {
        List<Delivery> got = store.deliveries().claimDue(clock.millis(), 1, Set.of(), x -> Picker.Verdict.TAKE, RUN).deliveries();
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    private Delivery find(Delivery d) {
        return store.deliveries().find(business, d.deliveryId()).orElseThrow();
    }

    private List<Attempt> attempts(Delivery d) {
        DeliveryStore.Logged logged = store.deliveries().findLogged(business, d.deliveryId()).orElseThrow();
        return logged.attempts();
    }

    private double count(String name, String outcome) {
        return Scrape.parse(metrics.scrape()).value(name, outcome, "connector=webhook");
    }
}
