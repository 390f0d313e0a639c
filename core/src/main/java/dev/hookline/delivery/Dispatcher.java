package dev.hookline.delivery;

import dev.hookline.calls.Call;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.Json;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Verdict;
import dev.hookline.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
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
    /** Attempts a host may have in flight however full the process is. */
    static final int QUIET_HOST = 4;
    static final String INTERRUPTED = "interrupted: the hub stopped before this attempt finished";
    /** How long the recorder gathers finished attempts into one commit, and how many at most. */
    private static final long RECORD_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int RECORD_BATCH = 1000;

    /** What the worker needs besides the store: kept together so the constructor stays short. */
    public record Parts(Sender sender, ConnectorCatalog connectors, BiFunction<String, Collection<String>, Map<String, Call>> calls,
                        Function<String, Map<String, String>> settings, RetryPolicy retry) {}

    private final Database db;
    private final Parts parts;
    private final Clock clock;
    private final DeliveryLimits limits;
    private final String runId;
    private final Waiter waiter = new Waiter();
    private final LinkedBlockingQueue<Completed> finished = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, HostSlots> perHost = new ConcurrentHashMap<>();
    /** Hosts that freed a slot while deliveries to them waited in the store. */
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    /** Hosts held back after attempts without an answer, until the loop sees their hold end. */
    private final Set<String> heldHosts = ConcurrentHashMap.newKeySet();
    /** The soonest retry the recorder wrote since the loop last planned (clock millis). */
    private final AtomicLong retryAt = new AtomicLong(Long.MAX_VALUE);
    /** Hosts to look at again when a delivery {@link #dispatchReady} saw comes due (clock millis; loop thread only). */
    private final Map<String, Long> readyLater = new HashMap<>();
    /** Scans of the whole due queue so far (for tests: a freed slot should not need one). */
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Attempts finished on the wire whose outcome is not written yet. */
    private final AtomicInteger recording = new AtomicInteger();
    /**
     * The store may hold due deliveries nobody has started (written without a slot, or left by
     * a full pass). Only then does a finished attempt need to wake the loop: on the hand-off path
     * every delivery is started from memory and the loop stays asleep instead of querying the
     * store after every recorded batch.
     */
    private final java.util.concurrent.atomic.AtomicBoolean backlog = new java.util.concurrent.atomic.AtomicBoolean(true);
    /** When the sleeping loop will look at the store next (clock millis); earlier work wakes it. */
    private volatile long plannedWakeAt;
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
        backlog.set(true);
        waiter.wake();
    }

    /**
     * Takes a slot when the host is under its limit and the process under its bound. A host with
     * at most {@link #QUIET_HOST} attempts in flight gets its slot even when the bound is reached
     * (up to twice the bound): busy or hanging hosts filling the bound must not starve a quiet one.
     */
    @Override
    public String reserve(String host) {
        if (!running) return null;
        HostSlots s = slots(host);
        if (!s.tryTake()) return null;
        int total = inFlight.incrementAndGet();
        if (total > limits.inFlight() && (s.inFlight() > QUIET_HOST || total > 2 * limits.inFlight())) {
            inFlight.decrementAndGet();
            s.untake();
            return null;
        }
        return runId;
    }

    /**
     * A due delivery to {@code host} was committed without a slot. When the host is at its limit
     * the loop is not woken (it could not start it): the host's next free slot wakes it.
     */
    @Override
    public void queued(String host) {
        HostSlots s = slots(host);
        if (s.full()) {
            s.markWaiting();
            // the slot may have freed between the check and the mark
            if (s.full()) return;
        }
        wake();
    }

    private HostSlots slots(String host) {
        HostSlots s = perHost.get(host);
        return s != null ? s : perHost.computeIfAbsent(host, k -> new HostSlots(limits.perHost(), clock::millis));
    }

    /** The current send limit of {@code host} (it adapts to how the host answers). */
    int hostLimit(String host) {
        return slots(host).limit();
    }

    @Override
    public void unreserve(String host) {
        release(host);
        if (backlog.get()) waiter.wake();
    }

    @Override
    public void start(Delivery claimed, Call call) {
        send(claimed, claimed.attempts(), call, false, new CompletableFuture<>());
    }

    public int inFlight() {
        return inFlight.get();
    }

    int scans() {
        return scans.get();
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
        long nextScan = 0; // clock millis of the next look at the whole due queue
        while (running) {
            try {
                // awake: any retry recorded from now on wakes the next wait, until that wait is planned
                plannedWakeAt = Long.MAX_VALUE;
                long nextHostLook = readyHosts();
                int started = dispatchReady();
                // a freed slot alone needs only its host's rows: the scan of the whole queue steps
                // over every due row of the hosts that are full (thousands, behind a hanging host)
                if (backlog.get() || clock.millis() >= nextScan) {
                    started += dispatchDue();
                    scans.incrementAndGet();
                    if (started >= limits.batch()) continue;
                    nextScan = clock.millis() + waitMillis();
                }
                // retries recorded since: the scan at their time finds them (read after the scan's
                // query, so one that query missed is here)
                long retry = retryAt.getAndSet(Long.MAX_VALUE);
                if (retry < nextScan) nextScan = retry;
                // after dispatchReady, which may have noted hosts whose next delivery is not due yet
                long wakeAt = Math.min(nextScan, Math.min(nextHostLook, readyLater.values().stream().min(Long::compare).orElse(Long.MAX_VALUE)));
                plannedWakeAt = wakeAt;
                waiter.await(wakeAt - clock.millis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                log.error("delivery loop pass failed; going on", t);
                nextScan = 0;
                try {
                    waiter.await(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Makes hosts ready whose turn has come without a freed slot to announce it: a hold that ran
     * out (see {@link HostSlots}: nothing in flight, so no slot frees) or a delivery that
     * {@link #dispatchReady} saw coming due. Returns the soonest hold still running.
     */
    private long readyHosts() {
        long now = clock.millis();
        readyLater.entrySet().removeIf(e -> {
            if (e.getValue() > now) return false;
            ready.add(e.getKey());
            return true;
        });
        long soonest = Long.MAX_VALUE;
        for (String host : heldHosts) {
            HostSlots s = perHost.get(host);
            if (s == null || s.holdEnded()) {
                heldHosts.remove(host);
                ready.add(host);
            } else if (s.holdUntil() == 0) {
                heldHosts.remove(host); // an answer ended the hold early
            } else {
                // still running, or ran out since holdEnded looked: then the next pass, at once
                soonest = Math.min(soonest, s.holdUntil());
            }
        }
        return soonest;
    }

    /** How long until the scan of the due queue is worth running again (ms). */
    private long waitMillis() {
        Set<String> full = fullHosts();
        // hosts at their limit are left out: their next free slot wakes the loop
        Long next = db.read(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            return full.isEmpty() ? dao.nextDueAt() : dao.nextDueAtExcept(Json.write(List.copyOf(full)));
        });
        long now = clock.millis();
        if (next == null) return 60_000;
        // due but not started: every slot for its host (or in all) is taken; a finishing attempt wakes us
        if (next <= now) {
            backlog.set(true);
            return 250;
        }
        return Math.min(next - now, 60_000);
    }

    /** One pass: claim what is due, within the limits, and start it. Returns how many started. */
    int dispatchDue() {
        int room = limits.inFlight() - inFlight.get();
        if (room <= 0 || !running) return 0;
        // cleared before looking: work written from now on sets it again and wakes the loop
        backlog.set(false);
        long now = clock.millis();
        Set<String> full = fullHosts();
        int want = Math.min(limits.batch(), room);
        List<Delivery> due = db.read(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            return full.isEmpty() ? dao.due(now, want) : dao.dueExcept(now, Json.write(List.copyOf(full)), want);
        });
        if (due.isEmpty()) return 0;
        // a full page may have more behind it; rows left for want of a slot start when one frees
        if (due.size() >= want) backlog.set(true);
        Map<String, Integer> taken = new HashMap<>();
        List<Delivery> pick = new ArrayList<>();
        for (Delivery d : due) {
            HostSlots s = slots(d.host());
            int used = s.inFlight() + taken.getOrDefault(d.host(), 0);
            if (used < s.capacity()) {
                pick.add(d);
                taken.merge(d.host(), 1, Integer::sum);
            } else {
                s.markWaiting();
            }
        }
        return claimAndStart(pick);
    }

    /**
     * Hosts that freed a slot while their deliveries waited in the store: each one's due rows,
     * up to its free slots, from the by-host index. Returns how many started.
     */
    int dispatchReady() {
        if (ready.isEmpty() || !running) return 0;
        long now = clock.millis();
        List<Delivery> pick = new ArrayList<>();
        int room = limits.inFlight() - inFlight.get();
        for (String host : ready) {
            ready.remove(host);
            HostSlots s = slots(host);
            int hostFree = s.capacity() - s.inFlight();
            // a host at QUIET_HOST or under gets its slots even when the bound is reached (see reserve)
            int free = Math.min(hostFree, Math.max(room, QUIET_HOST - s.inFlight()));
            if (inFlight.get() + pick.size() >= 2 * limits.inFlight()) free = 0;
            if (free <= 0) {
                s.markWaiting();
                // held back by the process bound rather than its own: the next scan takes it
                if (hostFree > 0) backlog.set(true);
                continue;
            }
            // one row past the free slots tells whether more are due, or when the next one is
            int page = free + 1;
            List<Delivery> rows = db.read(h -> DeliveryDao.nextForHostFast(h, host, page));
            int taken = 0;
            for (Delivery d : rows) {
                if (d.nextAttemptAt() == null) continue;
                if (d.nextAttemptAt() > now) {
                    // not due yet, and the scan that runs when it is may have left this host out
                    readyLater.merge(host, d.nextAttemptAt(), Math::min);
                    break;
                }
                if (taken == free) {
                    s.markWaiting(); // more due than slots: the next free slot looks again
                    break;
                }
                pick.add(d);
                taken++;
            }
            room -= taken;
        }
        return claimAndStart(pick);
    }

    private int claimAndStart(List<Delivery> pick) {
        if (pick.isEmpty()) return 0;
        List<Delivery> claimed = db.write(h -> {
            List<Delivery> won = new ArrayList<>();
            for (Delivery d : pick) {
                if (DeliveryDao.claimFast(h, d.deliveryId(), d.version(), runId) == 1) won.add(d);
            }
            return won;
        });
        Map<String, String> unreadable = new HashMap<>();
        Map<String, Map<String, Call>> calls = readCalls(claimed, unreadable);
        for (Delivery d : claimed) {
            int attempt = d.attempts() + 1;
            Call call = calls.getOrDefault(d.businessId(), Map.of()).get(d.callId());
            if (call == null) {
                String why = unreadable.get(d.businessId() + "/" + d.callId());
                begin(d);
                complete(d, attempt, clock.millis(), failed(why != null
                        ? "the call " + d.callId() + " could not be read from the store (" + why + ")"
                        : "the call " + d.callId() + " no longer exists"), null);
                continue;
            }
            attempt(d, attempt, call, false);
        }
        return claimed.size();
    }

    /**
     * The calls of the claimed deliveries, by business and call id: one read per business in the
     * batch (almost always one), where one read per delivery made the loop thread the limit of a
     * backlog's drain. When a business's read fails, its calls are read one by one, so that one
     * unreadable call does not fail the others; the reason for each call that still fails goes
     * into {@code unreadable} (key business/call id), and its delivery gets a failed attempt and a
     * retry on the policy rather than staying claimed until a restart.
     */
    private Map<String, Map<String, Call>> readCalls(List<Delivery> claimed, Map<String, String> unreadable) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Delivery d : claimed) ids.computeIfAbsent(d.businessId(), b -> new java.util.HashSet<>()).add(d.callId());
        Map<String, Map<String, Call>> out = new HashMap<>();
        ids.forEach((business, callIds) -> {
            try {
                out.put(business, parts.calls().apply(business, callIds));
            } catch (RuntimeException batch) {
                Map<String, Call> found = new HashMap<>();
                for (String id : callIds) {
                    try {
                        found.putAll(parts.calls().apply(business, Set.of(id)));
                    } catch (RuntimeException e) {
                        log.warn("could not read call {} of business {} for its delivery; the attempt is retried", id, business, e);
                        unreadable.put(business + "/" + id, String.valueOf(e.getMessage()));
                    }
                }
                out.put(business, found);
            }
        });
        return out;
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
        parts.sender().send(connector.get(), req, d, sentAt)
                .whenComplete((outcome, err) -> {
                    HostSlots s = slots(d.host());
                    // a hold that ends before the loop means to look again must wake it then
                    if (outcome != null && s.onOutcome(outcome)) {
                        heldHosts.add(d.host());
                        if (s.holdUntil() < plannedWakeAt) waiter.wake();
                    }
                    complete(d, attempt, sentAt, outcome != null ? outcome : failed("internal error: " + err), done);
                });
    }

    /** The payload an attempt sends, for the Test answer (same builder as the attempt). */
    public CallEvent sampleEvent(Delivery d, Call call) {
        CallEvent base = PayloadBuilder.build(call, d, 1, clock.millis());
        return parts.connectors().find(d.connector()).map(c -> c.sample(base)).orElse(base);
    }

    private void begin(Delivery d) {
        inFlight.incrementAndGet();
        slots(d.host()).take();
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

    /**
     * Hosts without a free slot, which a scan of the due queue leaves out. Each is marked as
     * waiting, so the slot it frees next brings its due rows in by itself ({@link #dispatchReady}).
     */
    private Set<String> fullHosts() {
        Set<String> out = new java.util.HashSet<>();
        perHost.forEach((h, s) -> {
            if (s.full()) {
                out.add(h);
                s.markWaiting();
            }
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
                // outcomes finishing within a few ms share one commit: each commit costs the single
                // writer its own pages of the log whatever it carries (slots are already free, so
                // nothing waits on this but the row's status)
                long until = System.nanoTime() + RECORD_LINGER_NANOS;
                for (long left; batch.size() < RECORD_BATCH && (left = until - System.nanoTime()) > 0; ) {
                    Completed next = finished.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    batch.add(next);
                    finished.drainTo(batch, RECORD_BATCH - batch.size());
                }
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
        long[] earliestRetry = {Long.MAX_VALUE};
        db.write(h -> {
            earliestRetry[0] = Long.MAX_VALUE; // the batch may run twice (savepoint re-run)
            for (Completed c : batch) {
                AttemptOutcome o = c.outcome();
                Delivery d = c.delivery();
                DeliveryDao.insertAttemptFast(h, new Attempt(d.deliveryId(), c.attempt(), c.sentAt(), o.statusCode(), o.durationMs(), o.error(),
                        o.responseBody()));
                Long next = o.succeeded() ? null : parts.retry().nextAttemptAt(c.attempt(), d.maxAttempts(), o.verdict(), now);
                if (next != null) earliestRetry[0] = Math.min(earliestRetry[0], next);
                String status = o.succeeded() ? Delivery.SUCCEEDED : next == null ? Delivery.FAILED : Delivery.PENDING;
                DeliveryDao.finishAttemptFast(h, d.deliveryId(), runId, status, next, next == null ? now : null, o.error());
            }
            return null;
        });
        recording.addAndGet(-batch.size());
        for (Completed c : batch) {
            if (c.done() != null) c.done().complete(c.outcome());
        }
        // the loop folds the soonest retry into its plan; it is woken only when that retry is due
        // before it means to look again (or when slots freed while due work waits in the store)
        if (earliestRetry[0] != Long.MAX_VALUE) retryAt.accumulateAndGet(earliestRetry[0], Math::min);
        if (earliestRetry[0] < plannedWakeAt || backlog.get()) waiter.wake();
    }

    private void release(String host) {
        inFlight.decrementAndGet();
        HostSlots s = perHost.get(host);
        if (s != null && s.release()) {
            // due deliveries of this host wait in the store for the slot just freed
            ready.add(host);
            waiter.wake();
        }
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
