package dev.hookline.delivery;

import dev.hookline.logging.LogIds;
import dev.hookline.model.Call;
import dev.hookline.model.Delivery;
import dev.hookline.store.CallStore;
import dev.hookline.store.DeliveryStore;
import dev.hookline.store.DeliveryStore.Picker.Verdict;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's loop: claims deliveries that are due and within the send slots, reads their calls,
 * and starts their attempts. It sleeps until the next delivery is due and is woken early by new
 * work, a freed slot or a hold that ends, so there is no poll interval between a call's 201 and its
 * first attempt. A freed slot brings in its own host's rows alone (a short index read); the whole
 * due queue is scanned only when new work arrived or something comes due. Thread-safe.
 */
final class DeliveryLoop {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final long IDLE_MILLIS = 60_000;

    /** How the loop starts what it has claimed. */
    interface Starter {
        /** Starts the next attempt of a claimed delivery of {@code call}; its slot is not yet taken. */
        void start(Delivery claimed, Call call);

        /** Fails the claimed delivery's next attempt before sending (its call could not be read). */
        void fail(Delivery claimed, String why);
    }

    private final DeliveryStore deliveries;
    private final CallStore calls;
    private final SendSlots slots;
    private final Clock clock;
    private final Starter starter;
    private final String runId;
    private final Waiter waiter = new Waiter();
    /** The store may hold due deliveries nobody has started (written without a slot, or left by a full pass). */
    private final AtomicBoolean backlog = new AtomicBoolean(true);
    /** The soonest retry recorded since the loop last planned (clock millis). */
    private final AtomicLong retryAt = new AtomicLong(Long.MAX_VALUE);
    /** Hosts to look at again when one of their deliveries comes due (clock millis; loop thread only). */
    private final Map<String, Long> readyLater = new HashMap<>();
    private final AtomicInteger scans = new AtomicInteger();
    /** When the sleeping loop will look at the store next (clock millis). */
    private volatile long plannedWakeAt;
    private volatile boolean running;
    private Thread thread;

    DeliveryLoop(DeliveryStore deliveries, CallStore calls, SendSlots slots, Clock clock, Starter starter, String runId) {
        this.deliveries = deliveries;
        this.calls = calls;
        this.slots = slots;
        this.clock = clock;
        this.starter = starter;
        this.runId = runId;
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "hookline-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    boolean running() {
        return running;
    }

    /** New or changed work: look at the whole due queue now. */
    void wake() {
        backlog.set(true);
        waiter.wake();
    }

    /** A slot freed or a host became ready: look now (only the ready hosts, unless work is known to wait). */
    void nudge() {
        waiter.wake();
    }

    /** A slot freed with nothing marked waiting for it: only a known backlog needs the loop. */
    void slotFreed() {
        if (backlog.get()) waiter.wake();
    }

    /** A retry was written for {@code at}: wake the loop when that is before it means to look. */
    void retryScheduled(long at) {
        retryAt.accumulateAndGet(at, Math::min);
        if (at < plannedWakeAt || backlog.get()) waiter.wake();
    }

    /** A host's hold began, ending at {@code until}: the loop must look then. */
    void holdBegan(long until) {
        if (until < plannedWakeAt) waiter.wake();
    }

    int scans() {
        return scans.get();
    }

    private void run() {
        long nextScan = 0;
        while (running) {
            try {
                plannedWakeAt = Long.MAX_VALUE; // awake: any retry recorded from now on wakes the next wait
                long nextHold = readyHosts();
                int started = dispatchReady();
                if (backlog.get() || clock.millis() >= nextScan) {
                    started += dispatchDue();
                    scans.incrementAndGet();
                    if (started >= slots.limits().batch()) continue;
                    nextScan = clock.millis() + waitMillis();
                }
                long retry = retryAt.getAndSet(Long.MAX_VALUE); // read after the scan's query: one it missed is here
                if (retry < nextScan) nextScan = retry;
                long later = readyLater.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
                long wakeAt = Math.min(nextScan, Math.min(nextHold, later));
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

    /** Makes ready the hosts whose turn came without a freed slot: a hold that ended, a delivery seen coming due. */
    private long readyHosts() {
        long now = clock.millis();
        readyLater.entrySet().removeIf(e -> {
            if (e.getValue() > now) return false;
            slots.markReady(e.getKey());
            return true;
        });
        return slots.endHolds();
    }

    /** How long until the scan of the due queue is worth running again (ms); hosts without a slot are left out. */
    private long waitMillis() {
        Long next = deliveries.nextDueAt(slots.fullHosts());
        long now = clock.millis();
        if (next == null) return IDLE_MILLIS;
        if (next <= now) {
            backlog.set(true); // due but every slot for it taken: a finishing attempt wakes the loop
            return 250;
        }
        return Math.min(next - now, IDLE_MILLIS);
    }

    /** One pass over the due queue: claims what the slots allow and starts it. Returns how many started. */
    int dispatchDue() {
        int room = slots.room();
        if (room <= 0 || !running) return 0;
        backlog.set(false); // cleared before looking: work written from now on sets it again
        long now = clock.millis();
        int want = Math.min(slots.limits().batch(), room);
        Map<String, Integer> taken = new HashMap<>();
        DeliveryStore.Claimed got = deliveries.claimDue(now, want, slots.fullHosts(), d -> {
            HostSlots s = slots.of(d.host());
            if (s.inFlight() + taken.getOrDefault(d.host(), 0) < s.capacity()) {
                taken.merge(d.host(), 1, Integer::sum);
                return Verdict.TAKE;
            }
            s.markWaiting();
            return Verdict.SKIP;
        }, runId);
        if (got.seen() >= want) backlog.set(true); // a full page may have more behind it
        return start(got.deliveries());
    }

    /** Hosts that freed a slot while their deliveries waited: each one's due rows, up to its free slots. */
    int dispatchReady() {
        if (!slots.anyReady() || !running) return 0;
        long now = clock.millis();
        Map<String, Integer> free = new LinkedHashMap<>();
        int room = slots.room();
        int planned = 0;
        for (String host; (host = slots.nextReady()) != null; ) {
            HostSlots s = slots.of(host);
            int hostFree = s.capacity() - s.inFlight();
            int n = Math.min(hostFree, Math.max(room, SendSlots.QUIET_HOST - s.inFlight()));
            if (slots.inFlight() + planned >= 2 * slots.limits().inFlight()) n = 0;
            if (n <= 0) {
                s.markWaiting();
                if (hostFree > 0) backlog.set(true); // held back by the process bound: the next scan takes it
                continue;
            }
            free.put(host, n);
            planned += n;
            room -= n;
        }
        if (free.isEmpty()) return 0;
        Map<String, Integer> limits = new LinkedHashMap<>();
        free.forEach((host, n) -> limits.put(host, n + 1)); // one past the free slots says what comes next
        Map<String, Integer> taken = new HashMap<>();
        DeliveryStore.Claimed got = deliveries.claimForHosts(limits, d -> {
            String host = d.host();
            if (d.nextAttemptAt() == null) return Verdict.SKIP;
            if (d.nextAttemptAt() > now) {
                readyLater.merge(host, d.nextAttemptAt(), Math::min);
                return Verdict.STOP;
            }
            if (taken.getOrDefault(host, 0) >= free.get(host)) {
                slots.of(host).markWaiting();
                return Verdict.STOP;
            }
            taken.merge(host, 1, Integer::sum);
            return Verdict.TAKE;
        }, runId);
        return start(got.deliveries());
    }

    private int start(List<Delivery> claimed) {
        if (claimed.isEmpty()) return 0;
        Map<String, String> unreadable = new HashMap<>();
        Map<String, Map<String, Call>> byBusiness = readCalls(claimed, unreadable);
        for (Delivery d : claimed) {
            Call call = byBusiness.getOrDefault(d.businessId(), Map.of()).get(d.callId());
            if (call != null) {
                starter.start(d, call);
                continue;
            }
            String why = unreadable.get(d.businessId() + "/" + d.callId());
            starter.fail(d, why != null ? "the call " + d.callId() + " could not be read from the store (" + why + ")"
                    : "the call " + d.callId() + " no longer exists");
        }
        return claimed.size();
    }

    /**
     * The calls of the claimed deliveries: one read per business in the batch. When a business's
     * read fails, its calls are read one by one so one unreadable call fails only its own delivery
     * (the reason goes into {@code unreadable}, keyed business/call id).
     */
    private Map<String, Map<String, Call>> readCalls(List<Delivery> claimed, Map<String, String> unreadable) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Delivery d : claimed) ids.computeIfAbsent(d.businessId(), b -> new HashSet<>()).add(d.callId());
        Map<String, Map<String, Call>> out = new HashMap<>();
        ids.forEach((business, callIds) -> {
            try {
                out.put(business, calls.findAll(business, callIds));
            } catch (RuntimeException batch) {
                Map<String, Call> found = new HashMap<>();
                for (String id : callIds) {
                    try {
                        found.putAll(calls.findAll(business, Set.of(id)));
                    } catch (RuntimeException e) {
                        try (LogIds logIds = LogIds.call(id)) {
                            log.warn("could not read call {} of business {} for its delivery; the attempt is retried", id, business, e);
                        }
                        unreadable.put(business + "/" + id, String.valueOf(e.getMessage()));
                    }
                }
                out.put(business, found);
            }
        });
        return out;
    }

    /** Stops claiming; waits up to {@code millis} for the loop thread to end. */
    void stop(long millis) throws InterruptedException {
        running = false;
        waiter.wake();
        if (thread != null) thread.join(Math.max(1, millis));
    }
}
