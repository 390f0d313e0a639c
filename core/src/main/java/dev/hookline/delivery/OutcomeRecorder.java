package dev.hookline.delivery;

import dev.hookline.metrics.DeliveryMetrics;
import dev.hookline.model.Attempt;
import dev.hookline.model.Delivery;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.store.DeliveryStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes how each attempt ended and what becomes of its delivery (succeeded, failed, or the next
 * retry from the {@link RetryPolicy}), or that it was skipped before any attempt, releasing its
 * claim. Writes are queued with the store's others; one the store refuses is tried again (1 s,
 * doubling to 30 s) until it is written, so no delivery stays claimed by a live hub. Thread-safe.
 */
final class OutcomeRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;

    private final DeliveryStore store;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String runId;
    private final LongConsumer retryScheduled;
    private final DeliveryMetrics metrics;
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService again = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hookline-recorder-retry");
        t.setDaemon(true);
        return t;
    });

    /** {@code retryScheduled} hears of each retry written (its due time, clock millis). */
    OutcomeRecorder(DeliveryStore store, RetryPolicy retry, Clock clock, String runId, LongConsumer retryScheduled, DeliveryMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.retry = retry;
        this.clock = clock;
        this.runId = runId;
        this.retryScheduled = retryScheduled;
    }

    /** Records attempt {@code attempt} of {@code d}; the future completes once it is written. */
    CompletableFuture<AttemptOutcome> record(Delivery d, int attempt, long sentAt, AttemptOutcome o) {
        pending.incrementAndGet();
        long now = clock.millis();
        Long next = o.succeeded() ? null : retry.nextAttemptAt(attempt, d.maxAttempts(), o.verdict(), now);
        DeliveryStatus status = o.succeeded() ? DeliveryStatus.SUCCEEDED : next == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        if (!d.test()) { // counted before the write, so the counters never lag what the API shows
            metrics.attempt(d.connector(), o.succeeded(), o.durationMs());
            if (status != DeliveryStatus.PENDING) metrics.finished(d.connector(), status == DeliveryStatus.SUCCEEDED);
        }
        Attempt a = new Attempt(d.deliveryId(), attempt, sentAt, o.statusCode(), o.durationMs(), o.error(), o.responseBody());
        DeliveryStore.Outcome row = new DeliveryStore.Outcome(a, runId, status, next, next == null ? now : null, o.error());
        CompletableFuture<AttemptOutcome> done = new CompletableFuture<>();
        write(() -> store.record(row), () -> {
            if (row.nextAttemptAt() != null) retryScheduled.accept(row.nextAttemptAt());
            AttemptLog.recorded(d, attempt, o, status, next);
            done.complete(o);
        }, () -> "attempt " + attempt + " of delivery " + d.deliveryId(), FIRST_RETRY_MS);
        return done;
    }

    /** Ends claimed {@code d} as skipped for {@code why} before any attempt; the future completes once it is written. */
    CompletableFuture<Void> skip(Delivery d, String why) {
        pending.incrementAndGet();
        long now = clock.millis();
        CompletableFuture<Void> done = new CompletableFuture<>();
        write(() -> store.skip(d.deliveryId(), runId, why, now), () -> done.complete(null), () -> "the skip of delivery " + d.deliveryId(),
                FIRST_RETRY_MS);
        return done;
    }

    /** Runs {@code op} until the store takes it, then {@code written}; given up only when the hub stops. */
    private void write(Supplier<CompletableFuture<Void>> op, Runnable written, Supplier<String> what, long backoff) {
        op.get().whenComplete((v, failure) -> {
            if (failure == null) {
                pending.decrementAndGet();
                written.run();
                return;
            }
            log.warn("could not record {} ({}); trying again in {} ms", what.get(), failure.getMessage(), backoff);
            try {
                again.schedule(() -> write(op, written, what, Math.min(MAX_RETRY_MS, backoff * 2)), backoff, TimeUnit.MILLISECONDS);
            } catch (RuntimeException stopped) {
                pending.decrementAndGet(); // shutting down: the claim is taken back at the next start
                written.run();
            }
        });
    }

    /** Outcomes not written yet. */
    int pending() {
        return pending.get();
    }

    @Override
    public void close() {
        again.shutdownNow();
    }
}
