package dev.hookline.delivery;

import dev.hookline.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This run's claims in a store shared by several hubs. A claim is a lease: it holds until its
 * expiry, past which another hub takes the delivery over. Each {@link #tick} first renews the
 * leases of the attempts this run has in flight, then takes over deliveries whose lease ran out
 * (their hub died or lost the database). Renewal comes first, on the same thread, so a run never
 * takes back its own attempts in flight. Thread-safe.
 */
public final class ClaimLeases implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClaimLeases.class);
    static final String EXPIRED = "interrupted: the hub sending this attempt stopped answering (its claim expired)";
    /** Past the attempt time-out, for the connector's work, pauses and clocks a little apart. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final DeliveryStore store;
    private final Clock clock;
    private final String runId;
    private final Runnable recovered;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    /** {@code recovered} hears that deliveries were taken over (they are due now). */
    ClaimLeases(DeliveryStore store, Clock clock, String runId, Runnable recovered) {
        this.store = store;
        this.clock = clock;
        this.runId = runId;
        this.recovered = recovered;
    }

    /**
     * How long a claim holds: longer than an attempt can take (its time-out, the connector's
     * bounded work before and after it) with a margin, so a live hub's attempt is never taken over
     * while it runs; renewed anyway while it is in flight.
     */
    public static Duration leaseFor(Duration attemptTimeout) {
        return attemptTimeout.plus(BoundedConnector.LIMIT.multipliedBy(2)).plus(MARGIN);
    }

    /** How often the leases are renewed and expired ones looked for: a quarter of the lease, 1 to 5 s. */
    static Duration tickFor(Duration lease) {
        long ms = Math.max(1_000, Math.min(5_000, lease.toMillis() / 4));
        return Duration.ofMillis(ms);
    }

    /** Ticks every {@code every} on a thread of its own. */
    synchronized void start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hookline-claim-leases");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tickQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void started(String deliveryId) {
        inFlight.add(deliveryId);
    }

    void ended(String deliveryId) {
        inFlight.remove(deliveryId);
    }

    /** Renews this run's leases, then takes over expired ones; returns how many were taken over. */
    synchronized int tick() {
        List<String> ids = List.copyOf(inFlight);
        if (!ids.isEmpty()) store.renew(runId, ids); // an outcome being written, or a claim already taken over, is not renewed
        int taken = store.recoverOrphans(runId, clock.millis(), EXPIRED);
        if (taken > 0) {
            log.info("took over {} deliveries whose claim expired", taken);
            recovered.run();
        }
        return taken;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("renewing claims or looking for expired ones failed ({}); trying again", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
