package dev.hookline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The store's one writer: {@code hookline_store_write_seconds} (time of each batch, from its first
 * statement to its commit), {@code hookline_store_writes_total} (writes committed),
 * {@code hookline_store_write_errors_total} (writes refused because the store failed: disk full,
 * locked, unreachable) and {@code hookline_store_write_queue} (writes waiting). Thread-safe.
 */
public final class StoreMetrics {
    private static final Duration[] BATCH_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final Timer batches;
    private final Counter writes;
    private final Counter errors;

    StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batches = Timer.builder("hookline.store.write").serviceLevelObjectives(BATCH_BUCKETS)
                .description("Time of each write batch of the store's writer, up to its commit").register(registry);
        this.writes = Counter.builder("hookline.store.writes").description("Writes committed by the store's writer").register(registry);
        this.errors = Counter.builder("hookline.store.write.errors")
                .description("Writes refused because the store failed (disk full, locked, unreachable)").register(registry);
    }

    /** A batch of {@code writes} committed after {@code nanos}. */
    public void committed(int writes, long nanos) {
        batches.record(nanos, TimeUnit.NANOSECONDS);
        this.writes.increment(writes);
    }

    /** A batch of {@code writes} failed for the store's own reasons. */
    public void failed(int writes) {
        errors.increment(writes);
    }

    /** {@code hookline_store_write_queue}: read from {@code depth} at each scrape. */
    public void queue(IntSupplier depth) {
        Gauge.builder("hookline.store.write.queue", depth, IntSupplier::getAsInt).strongReference(true).description("Writes waiting for the store's writer")
                .register(registry);
    }
}
