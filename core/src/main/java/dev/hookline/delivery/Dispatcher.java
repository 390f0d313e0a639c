package dev.hookline.delivery;

import dev.hookline.calls.Call;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import dev.hookline.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-call delivery worker. One loop claims due deliveries (optimistic claim: a row another
 * worker changed first is skipped) and starts their attempts asynchronously; a recorder thread
 * writes finished attempts in batches and schedules retries. The loop sleeps until the next
 * delivery is due and is woken early by new work ({@link #wake}) or a freed slot, so there is no
 * poll interval between a call's 201 and its first attempt. Attempts in flight are bounded per
 * endpoint host and in all. Deliveries claimed by a process that died are taken up again on start.
 * Thread-safe.
 */
public final class Dispatcher implements Handoff, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final String INTERRUPTED = "interrupted: the hub stopped before this attempt finished";

    /** What the worker needs besides the store: kept together so the constructor stays short. */
    public record Parts(Sender sender, ConnectorCatalog connectors, Function<Delivery, Optional<Call>> calls,
                        Function<String, Map<String, String>> settings, RetryPolicy retry) {}

    private final Database db;
    private final Parts parts;
    private final Clock clock;
    private final DeliveryLimits limits;
    private final String runId;
    private final Waiter waiter = new Waiter();
    private final LinkedBlockingQueue<Completed> finished = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Attempts finished on the wire whose outcome is not written yet. */
    private final AtomicInteger recording = new AtomicInteger();
    private volatile boolean running;
    private Thread loop;
    private Thread recorder;

    public Dispatcher(Database db, Parts parts, Clock clock, DeliveryLimits limits, String runId) {
        this.db = db;
        this.parts = parts;
        this.clock = clock;
        this.limits = limits;
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }

    /** Takes up deliveries orphaned by a dead process, then starts the loop and the recorder. */
    public void start() {
        int recovered = recoverOrphans();
        if (recovered > 0) log.info("took up {} deliveries interrupted by an earlier stop", recovered);
        running = true;
        loop = new Thread(this::runLoop, "hookline-dispatcher");
        recorder = new Thread(this::runRecorder, "hookline-recorder");
        loop.setDaemon(true);
        recorder.setDaemon(true);
        recorder.start();
        loop.start();
    }

    /** New or changed work: look for due deliveries now. */
    @Override
    public void wake() {
        waiter.wake();
    }

    @Override
    public String reserve(String host) {
        if (!running) return null;
        if (inFlight.incrementAndGet() > limits.inFlight()) {
            inFlight.decrementAndGet();
            return null;
        }
        AtomicInteger n = perHost.computeIfAbsent(host, k -> new AtomicInteger());
        if (n.incrementAndGet() > limits.perHost()) {
            n.decrementAndGet();
            inFlight.decrementAndGet();
            return null;
        }
        return runId;
    }

    @Override
    public void unreserve(String host) {
        release(host);
        waiter.wake();
    }

    @Override
    public void start(Delivery claimed, Call call) {
        send(claimed, claimed.attempts(), call, false, new CompletableFuture<>());
    }

    public int inFlight() {
        return inFlight.get();
    }

    int recoverOrphans() {
        return db.write(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            long now = clock.millis();
            int n = 0;
            for (Delivery d : dao.orphans(runId)) {
                if (d.attempts() > 0) {
                    dao.insertAttempt(new Attempt(d.deliveryId(), d.attempts(), now, null, null, INTERRUPTED, null));
                }
                if (d.test()) {
                    // a Test is one synchronous attempt; its caller is gone, so it ends here
                    dao.finishAttempt(d.deliveryId(), d.claimedBy(), Delivery.FAILED, null, now, INTERRUPTED);
                } else {
                    dao.release(d.deliveryId(), now, Math.max(d.maxAttempts(), d.attempts() + 1), INTERRUPTED);
                }
                n++;
            }
            return n;
        });
    }

    private void runLoop() {
        while (running) {
            try {
                int started = dispatchDue();
                if (started >= limits.batch()) continue;
                waiter.await(waitMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                log.error("delivery loop pass failed; going on", t);
                try {
                    waiter.await(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private long waitMillis() {
        Long next = db.read(h -> h.attach(DeliveryDao.class).nextDueAt());
        long now = clock.millis();
        if (next == null) return 60_000;
        // due but not started: every slot for its host (or in all) is taken; a finishing attempt wakes us
        if (next <= now) return 250;
        return Math.min(next - now, 60_000);
    }

    /** One pass: claim what is due, within the limits, and start it. Returns how many started. */
    int dispatchDue() {
        int room = limits.inFlight() - inFlight.get();
        if (room <= 0 || !running) return 0;
        long now = clock.millis();
        Set<String> full = fullHosts();
        int want = Math.min(limits.batch(), room);
        List<Delivery> due = db.read(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            return full.isEmpty() ? dao.due(now, want) : dao.dueExcept(now, full, want);
        });
        if (due.isEmpty()) return 0;
        Map<String, Integer> taken = new HashMap<>();
        List<Delivery> pick = new ArrayList<>();
        for (Delivery d : due) {
            int used = hostCount(d.host()) + taken.getOrDefault(d.host(), 0);
            if (used < limits.perHost()) {
                pick.add(d);
                taken.merge(d.host(), 1, Integer::sum);
            }
        }
        List<Delivery> claimed = db.write(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            List<Delivery> won = new ArrayList<>();
            for (Delivery d : pick) {
                if (dao.claim(d.deliveryId(), d.version(), runId) == 1) won.add(d);
            }
            return won;
        });
        for (Delivery d : claimed) {
            int attempt = d.attempts() + 1;
            Optional<Call> call = parts.calls().apply(d);
            if (call.isEmpty()) {
                begin(d);
                complete(d, attempt, clock.millis(), failed("the call " + d.callId() + " no longer exists"), null);
                continue;
            }
            attempt(d, attempt, call.get(), false);
        }
        return claimed.size();
    }

    /**
     * Starts attempt {@code attempt} of a delivery this run has claimed; the future completes
     * once the attempt is recorded. {@code sample} makes the connector shape a Test sample.
     */
    public CompletableFuture<AttemptOutcome> attempt(Delivery d, int attempt, Call call, boolean sample) {
        CompletableFuture<AttemptOutcome> done = new CompletableFuture<>();
        begin(d);
        send(d, attempt, call, sample, done);
        return done;
    }

    /** Sends an attempt whose slot is already counted. */
    private void send(Delivery d, int attempt, Call call, boolean sample, CompletableFuture<AttemptOutcome> done) {
        long sentAt = clock.millis();
        Optional<Connector> connector = parts.connectors().find(d.connector());
        if (connector.isEmpty()) {
            complete(d, attempt, sentAt, permanent("connector '" + d.connector() + "' is not installed"), done);
            return;
        }
        CallEvent event = PayloadBuilder.build(call, d, attempt, sentAt);
        OutgoingRequest req;
        try {
            if (sample) event = connector.get().sample(event);
            req = connector.get().build(event, new Destination(d.url(), parts.settings().apply(d.connectorSettings())));
        } catch (RuntimeException e) {
            complete(d, attempt, sentAt, failed("connector '" + d.connector() + "' failed to build the request: " + e), done);
            return;
        }
        parts.sender().send(connector.get(), req, d.deliveryId(), d.signingSecret(), sentAt)
                .whenComplete((outcome, err) -> complete(d, attempt, sentAt,
                        outcome != null ? outcome : failed("internal error: " + err), done));
    }

    /** The payload an attempt sends, for the Test answer (same builder as the attempt). */
    public CallEvent sampleEvent(Delivery d, Call call) {
        CallEvent base = PayloadBuilder.build(call, d, 1, clock.millis());
        return parts.connectors().find(d.connector()).map(c -> c.sample(base)).orElse(base);
    }

    private void begin(Delivery d) {
        inFlight.incrementAndGet();
        perHost.computeIfAbsent(d.host(), k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The exchange is over: its slot is free for the next attempt to that host at once (the row
     * stays claimed until the recorder writes the outcome, so nothing can send it twice).
     */
    private void complete(Delivery d, int attempt, long sentAt, AttemptOutcome o, CompletableFuture<AttemptOutcome> done) {
        release(d.host());
        recording.incrementAndGet();
        finished.add(new Completed(d, attempt, sentAt, o, done));
    }

    private static AttemptOutcome failed(String error) {
        return new AttemptOutcome(Verdict.retry(error), null, 0, error, null);
    }

    private static AttemptOutcome permanent(String error) {
        return new AttemptOutcome(Verdict.permanent(error), null, 0, error, null);
    }

    private int hostCount(String host) {
        AtomicInteger n = perHost.get(host);
        return n == null ? 0 : n.get();
    }

    private Set<String> fullHosts() {
        Set<String> out = new java.util.HashSet<>();
        perHost.forEach((h, n) -> {
            if (n.get() >= limits.perHost()) out.add(h);
        });
        return out;
    }

    private void runRecorder() {
        List<Completed> batch = new ArrayList<>();
        while (running || inFlight.get() > 0 || recording.get() > 0 || !finished.isEmpty()) {
            try {
                Completed first = finished.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                finished.drainTo(batch, 999);
                record(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                log.error("recording {} attempts failed; they will be retried after a restart", batch.size(), t);
                recording.addAndGet(-batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void record(List<Completed> batch) {
        long now = clock.millis();
        db.write(h -> {
            for (Completed c : batch) {
                AttemptOutcome o = c.outcome();
                Delivery d = c.delivery();
                DeliveryDao.insertAttemptFast(h, new Attempt(d.deliveryId(), c.attempt(), c.sentAt(), o.statusCode(), o.durationMs(), o.error(),
                        o.responseBody()));
                Long next = o.succeeded() ? null : parts.retry().nextAttemptAt(c.attempt(), d.maxAttempts(), o.verdict(), now);
                String status = o.succeeded() ? Delivery.SUCCEEDED : next == null ? Delivery.FAILED : Delivery.PENDING;
                DeliveryDao.finishAttemptFast(h, d.deliveryId(), runId, status, next, next == null ? now : null, o.error());
            }
            return null;
        });
        recording.addAndGet(-batch.size());
        for (Completed c : batch) {
            if (c.done() != null) c.done().complete(c.outcome());
        }
        waiter.wake();
    }

    private void release(String host) {
        inFlight.decrementAndGet();
        AtomicInteger n = perHost.get(host);
        if (n != null) n.decrementAndGet();
    }

    /** Stops claiming, lets attempts in flight finish for up to {@code grace}, records them, stops. */
    public void stop(Duration grace) {
        if (!running) return;
        running = false;
        waiter.wake();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            if (loop != null) loop.join(Math.max(1, grace.toMillis()));
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (inFlight.get() > 0) {
                log.warn("{} attempts still in flight at shutdown; they will be retried after restart", inFlight.get());
            }
            if (recorder != null) {
                recorder.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
