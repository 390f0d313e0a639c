package dev.hookline.metrics;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Backlog} read again only when the last reading is older than its age limit. Thread-safe. */
final class CachedBacklog {
    private static final Logger log = LoggerFactory.getLogger(CachedBacklog.class);

    private final Supplier<Backlog> source;
    private final LongSupplier millis;
    private final long maxAgeMillis;
    private Backlog last = Backlog.EMPTY;
    private long readAt = Long.MIN_VALUE;

    CachedBacklog(Supplier<Backlog> source, LongSupplier millis, long maxAgeMillis) {
        this.source = source;
        this.millis = millis;
        this.maxAgeMillis = maxAgeMillis;
    }

    synchronized Backlog get() {
        long now = millis.getAsLong();
        if (readAt != Long.MIN_VALUE && now - readAt < maxAgeMillis && now >= readAt) return last;
        try {
            last = source.get();
        } catch (RuntimeException e) {
            log.warn("could not read the delivery backlog for the metrics: {}", e.getMessage());
        }
        readAt = now;
        return last;
    }
}
