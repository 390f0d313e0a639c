package dev.hookline;

import dev.hookline.delivery.Dispatcher;
import dev.hookline.metrics.Backlog;
import dev.hookline.metrics.Metrics;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.Store;
import java.time.Clock;

/** The gauges of {@code GET /metrics} that read the store and the delivery worker, registered once at start. */
final class Gauges {
    /** The due queue is counted at most this often (the count reads the due index). */
    static final long BACKLOG_MAX_AGE_MILLIS = 5_000;

    private Gauges() {}

    static void register(Metrics metrics, Store store, Dispatcher dispatcher, Clock clock) {
        metrics.deliveryBacklog(() -> backlog(store, clock.millis()), clock::millis, BACKLOG_MAX_AGE_MILLIS);
        metrics.hostsInFlight(dispatcher::inFlightByHost);
        metrics.storeHealth(store::healthy);
        metrics.retention().storeSize(() -> store.retention().space().totalBytes());
    }

    private static Backlog backlog(Store store, long now) {
        DeliveryStore.Backlog b = store.deliveries().backlog(now);
        double oldest = b.oldestDueAt() == null ? 0 : Math.max(0, now - b.oldestDueAt()) / 1000.0;
        return new Backlog(b.due(), oldest);
    }
}
