package dev.hookline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * Retention: {@code hookline_retention_removed_total{kind}} (calls, deliveries, attempts removed for
 * being older than the window), {@code hookline_retention_reclaimed_bytes_total} (space given back
 * to the file) and {@code hookline_store_size_bytes} (the store's size). Thread-safe.
 */
public final class RetentionMetrics {
    private final MeterRegistry registry;
    private final Counter calls;
    private final Counter deliveries;
    private final Counter attempts;
    private final Counter reclaimed;

    RetentionMetrics(MeterRegistry registry) {
        this.registry = registry;
        calls = removed(registry, "calls");
        deliveries = removed(registry, "deliveries");
        attempts = removed(registry, "attempts");
        reclaimed = Counter.builder("hookline.retention.reclaimed").baseUnit("bytes")
                .description("Space given back to the store's file after removals").register(registry);
    }

    private static Counter removed(MeterRegistry r, String kind) {
        return Counter.builder("hookline.retention.removed").tag("kind", kind)
                .description("Rows removed for being older than HOOKLINE_RETENTION").register(r);
    }

    public void removed(int calls, int deliveries, int attempts) {
        this.calls.increment(calls);
        this.deliveries.increment(deliveries);
        this.attempts.increment(attempts);
    }

    public void reclaimed(long bytes) {
        reclaimed.increment(bytes);
    }

    /** {@code hookline_store_size_bytes}: read from {@code bytes} at each scrape. */
    public void storeSize(LongSupplier bytes) {
        Gauge.builder("hookline.store.size", bytes, LongSupplier::getAsLong).strongReference(true).baseUnit("bytes")
                .description("Size of the store: the SQLite file with its log, or the PostgreSQL database").register(registry);
    }
}
