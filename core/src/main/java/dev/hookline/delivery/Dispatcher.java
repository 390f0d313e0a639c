package dev.hookline.delivery;

import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.metrics.DeliveryMetrics;
import dev.hookline.metrics.Metrics;
import dev.hookline.model.Call;
import dev.hookline.model.CallFilter;
import dev.hookline.model.Delivery;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Verdict;
import dev.hookline.store.Codec;
import dev.hookline.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-call delivery worker, assembled: {@link SendSlots} admit attempts, the
 * {@link DeliveryLoop} claims what is due, the {@link AttemptRunner} sends, the
 * {@link OutcomeRecorder} writes how it ended. Call ingestion hands new deliveries over through
 * {@link Handoff}. Deliveries claimed by a run that is gone are taken back on start. Thread-safe.
 */
public final class Dispatcher implements Handoff, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final String INTERRUPTED = "interrupted: the hub stopped before this attempt finished";

    /** What the worker needs besides the store. */
    public record Parts(Sender sender, DirectSender direct, ConnectorCatalog connectors, Codec codec, RetryPolicy retry) {}

    private final Store store;
    private final Clock clock;
    private final String runId;
    private final SendSlots slots;
    private final AttemptRunner runner;
    private final OutcomeRecorder recorder;
    private final DeliveryLoop loop;
    private final Codec codec;
    private final ClaimLeases leases;
    private final Duration leaseTick;

    /** {@code lease}: how long a claim holds in a shared store (see {@link ClaimLeases#leaseFor}). */
    public Dispatcher(Store store, Parts parts, Clock clock, DeliveryLimits limits, String runId, Duration lease) {
        this(store, parts, clock, limits, runId, lease, Metrics.disabled().deliveries());
    }

    /** As above, counting attempts and finished deliveries into {@code metrics}. */
    public Dispatcher(Store store, Parts parts, Clock clock, DeliveryLimits limits, String runId, Duration lease, DeliveryMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.runId = runId;
        this.codec = parts.codec();
        this.slots = new SendSlots(limits, clock::millis);
        this.runner = new AttemptRunner(parts.sender(), parts.direct(), parts.connectors(), parts.codec());
        this.loop = new DeliveryLoop(store.deliveries(), store.calls(), slots, clock, new LoopStarter(), runId);
        this.recorder = new OutcomeRecorder(store.deliveries(), parts.retry(), clock, runId, loop::retryScheduled, metrics);
        this.leases = new ClaimLeases(store.deliveries(), clock, runId, loop::wake);
        this.leaseTick = ClaimLeases.tickFor(lease);
    }

    public String runId() {
        return runId;
    }

    /**
     * Takes back deliveries orphaned by a run that is gone, then starts the loop. On a shared store
     * it also keeps this run's leases renewed, takes over expired ones while running, and listens
     * for work the other hubs make due.
     */
    public void start() {
        int recovered = store.deliveries().recoverOrphans(runId, clock.millis(), INTERRUPTED);
        if (recovered > 0) log.info("took up {} deliveries interrupted by an earlier stop", recovered);
        if (store.shared()) {
            store.onDueElsewhere(at -> {
                if (at <= clock.millis()) loop.wake();
                else loop.retryScheduled(at);
            });
            leases.start(leaseTick);
        }
        loop.start();
    }

    /** Renews this run's leases and takes over expired ones now (tests; the shared store's timer does it on its own). */
    public int maintainClaims() {
        return leases.tick();
    }

    @Override
    public String reserve(String host) {
        return loop.running() && slots.tryTake(host) ? runId : null;
    }

    @Override
    public void unreserve(String host) {
        release(host);
    }

    @Override
    public void start(Delivery claimed, Call call) {
        if (skippedOnFiring(claimed, call)) {
            release(claimed.host());
            return;
        }
        send(claimed, claimed.attempts(), call, false);
    }

    /**
     * A Wait-for-AI delivery judges its AI conditions as its first attempt starts (after the
     * analysis, or at the fallback): when the call fails them it ends as skipped, nothing sent.
     */
    private boolean skippedOnFiring(Delivery claimed, Call call) {
        if (claimed.aiFilter() == null || claimed.attempts() != 1) return false;
        String why = Triggers.skipOnFiring(CallFilter.fromView(codec.fields(claimed.aiFilter())), call);
        if (why == null) return false;
        recorder.skip(claimed, why);
        return true;
    }

    @Override
    public void queued(String host) {
        if (slots.queuedWithoutSlot(host)) loop.wake();
    }

    @Override
    public void wake() {
        loop.wake();
    }

    /** Runs attempt {@code attempt} of a delivery this run has claimed; completes once it is recorded. */
    public CompletableFuture<AttemptOutcome> attempt(Delivery d, int attempt, Call call, boolean sample) {
        slots.take(d.host());
        return send(d, attempt, call, sample);
    }

    /** The payload a Test attempt sends (the connector's sample), for the Test answer. */
    public CompletableFuture<CallEvent> sampleEvent(Delivery d, Call call) {
        return runner.sampleEvent(d, call, clock.millis());
    }

    private CompletableFuture<AttemptOutcome> send(Delivery d, int attempt, Call call, boolean sample) {
        long sentAt = clock.millis();
        leases.started(d.deliveryId());
        return runner.run(d, attempt, call, sample, sentAt).thenCompose(o -> finish(d, attempt, sentAt, o));
    }

    /** The exchange is over: its slot is free at once (the row stays claimed, its lease renewed, until the outcome is written). */
    private CompletableFuture<AttemptOutcome> finish(Delivery d, int attempt, long sentAt, AttemptOutcome o) {
        if (o.sent() && slots.onExchange(d.host(), o.statusCode(), o.answered())) loop.holdBegan(slots.of(d.host()).holdUntil());
        release(d.host());
        return recorder.record(d, attempt, sentAt, o).whenComplete((r, e) -> leases.ended(d.deliveryId()));
    }

    private void release(String host) {
        if (slots.release(host)) loop.nudge();
        else loop.slotFreed();
    }

    /** How the loop starts what it claimed. */
    private final class LoopStarter implements DeliveryLoop.Starter {
        @Override
        public void start(Delivery claimed, Call call) {
            if (!skippedOnFiring(claimed, call)) attempt(claimed, claimed.attempts(), call, false);
        }

        @Override
        public void fail(Delivery claimed, String why) {
            slots.take(claimed.host());
            leases.started(claimed.deliveryId());
            finish(claimed, claimed.attempts(), clock.millis(), AttemptOutcome.notSent(Verdict.retry(why), why));
        }
    }

    public int inFlight() {
        return slots.inFlight();
    }

    /** Attempts in flight per endpoint host (hosts with none left out). */
    public Map<String, Integer> inFlightByHost() {
        return slots.inFlightByHost();
    }

    /** The current send limit of {@code host} (it adapts to how the host answers). */
    int hostLimit(String host) {
        return slots.of(host).limit();
    }

    int scans() {
        return loop.scans();
    }

    /** Stops claiming, lets attempts in flight finish and be recorded for up to {@code grace}, then stops. */
    public void stop(Duration grace) {
        if (!loop.running()) return;
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            loop.stop(grace.toMillis());
            while ((slots.inFlight() > 0 || recorder.pending() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (slots.inFlight() > 0 || recorder.pending() > 0) {
            log.warn("{} attempts still in flight at shutdown; they will be retried after restart", slots.inFlight() + recorder.pending());
        }
        leases.close();
        recorder.close();
        runner.close();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
