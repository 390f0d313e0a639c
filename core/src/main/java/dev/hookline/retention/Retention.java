package dev.hookline.retention;

import dev.hookline.metrics.RetentionMetrics;
import dev.hookline.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HOOKLINE_RETENTION}: in the background, removes the calls older than the window with their
 * deliveries, attempts and in-call traces (never one with a pending delivery, see
 * {@link RetentionStore}), then gives the space back. Each batch is one short write queued with
 * the hub's others, and the pass pauses after each for three times as long as it took, so ingest
 * and delivery keep at least three quarters of the writer. The window ends at the injected clock's now.
 * A pass starts a minute after start (start-up has the store to itself) and every ten minutes
 * after. Thread-safe.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** Calls looked at per write; with their deliveries, attempts and index entries a few hundred rows. */
    static final int BATCH = 50;
    /** Space given back per write at most. */
    static final long RECLAIM_STEP_BYTES = 64 * 1024;
    static final Duration FIRST_PASS_AFTER = Duration.ofMinutes(1);
    static final Duration PASS_EVERY = Duration.ofMinutes(10);
    private static final long MIN_PAUSE_NANOS = 1_000_000;

    /** What a pass did: the window's start (epoch ms) and what it removed and gave back. */
    public record Result(long before, int calls, int deliveries, int attempts, long reclaimedBytes) {}

    private final RetentionStore store;
    private final Duration window;
    private final Clock clock;
    private final RetentionMetrics metrics;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    public Retention(RetentionStore store, Duration window, Clock clock, RetentionMetrics metrics) {
        this.store = store;
        this.window = window;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** False for a window of 0 (keep everything). */
    public boolean enabled() {
        return !window.isZero() && !window.isNegative();
    }

    /** Schedules the passes (nothing when disabled). */
    public synchronized void start() {
        if (!enabled() || scheduler != null) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-retention");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::passQuietly, FIRST_PASS_AFTER.toMillis(), PASS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void passQuietly() {
        try {
            runPass();
        } catch (RuntimeException e) {
            log.warn("retention pass stopped ({}); the next one goes on from there", e.getMessage());
        }
    }

    /** One whole pass now, on the caller's thread: every batch, then the space. */
    public synchronized Result runPass() {
        if (!enabled()) return new Result(0, 0, 0, 0, 0);
        long before = clock.millis() - window.toMillis();
        long sizeBefore = store.space().totalBytes();
        int calls = 0, deliveries = 0, attempts = 0;
        String resume = null;
        do {
            long t0 = System.nanoTime();
            RetentionStore.Pruned p = store.prune(before, resume, BATCH);
            calls += p.calls();
            deliveries += p.deliveries();
            attempts += p.attempts();
            metrics.removed(p.calls(), p.deliveries(), p.attempts());
            resume = p.resumeAfter();
            pause(t0);
        } while (resume != null && !stopping);
        long reclaimed = 0;
        while (!stopping) {
            long t0 = System.nanoTime();
            long n = store.reclaim(RECLAIM_STEP_BYTES);
            if (n <= 0) break;
            reclaimed += n;
            metrics.reclaimed(n);
            pause(t0);
        }
        if (calls + deliveries + attempts > 0 || reclaimed > 0) {
            log.info("retention: removed {} calls, {} deliveries and {} attempts created before {}; store {} MiB -> {} MiB", calls, deliveries,
                    attempts, Instant.ofEpochMilli(before), mib(sizeBefore), mib(store.space().totalBytes()));
        }
        return new Result(before, calls, deliveries, attempts, reclaimed);
    }

    /** Leaves the writer to others for three times as long as the last write took. */
    private static void pause(long startNanos) {
        long took = System.nanoTime() - startNanos;
        LockSupport.parkNanos(Math.max(MIN_PAUSE_NANOS, 3 * took));
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** Stops after the current batch. */
    @Override
    public void close() {
        stopping = true;
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s == null) return;
        s.shutdownNow();
        try {
            s.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
