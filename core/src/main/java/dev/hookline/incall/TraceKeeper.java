package dev.hookline.incall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.store.TraceStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trace of live runs with their calls, off the answer's path: {@link #save} queues a
 * finished run's trace (one call record per CallSid; its trace replaces any earlier one) and
 * {@link #settle} a fired webhook's final outcome. A settle that arrives before its run is saved
 * lands in the run and is saved with it. When a later run starts for the same call (a telephony
 * retry), the earlier run's pending writes are dropped, so two traces never mix. A write the store
 * refuses is dropped and logged (the answer was given already). Thread-safe.
 */
final class TraceKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TraceKeeper.class);

    private record CallKey(String businessId, String callSid) {
        static CallKey of(FlowRun run) {
            return new CallKey(run.call().businessId(), run.call().callSid());
        }
    }

    private final TraceStore store;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** The latest run of each call that may still write; a write of any other run is dropped. */
    private final ConcurrentHashMap<CallKey, FlowRun> latest = new ConcurrentHashMap<>();
    private final AtomicInteger writing = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    TraceKeeper(TraceStore store, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A run starts: it replaces any earlier run of the same call. */
    void begin(FlowRun run) {
        latest.put(CallKey.of(run), run);
    }

    /** A run failed before it could be saved. */
    void abandon(FlowRun run) {
        latest.remove(CallKey.of(run), run);
    }

    /** Queues the finished run's trace. */
    void save(FlowRun run) {
        LiveCall c = run.call();
        List<TraceEntry> trace = run.markStored();
        String json = json(trace.stream().map(TraceEntry::view).toList());
        track(run, store.save(new TraceStore.LiveTrace(c.businessId(), c.callSid(), run.flow().id(), c.to(), c.from(), json, clock.millis()),
                () -> current(run)));
    }

    /** Records a fired webhook's final outcome. */
    void settle(FlowRun run, int position, TraceEntry entry) {
        if (!run.settle(position, entry)) return; // not saved yet: the entry is saved with the run
        LiveCall c = run.call();
        track(run, store.setEntry(c.businessId(), c.callSid(), position, json(entry.view()), () -> current(run)));
    }

    private boolean current(FlowRun run) {
        return latest.get(CallKey.of(run)) == run;
    }

    private void track(FlowRun run, CompletableFuture<Void> write) {
        writing.incrementAndGet();
        write.whenComplete((v, failure) -> {
            writing.decrementAndGet();
            if (failure != null) {
                long n = dropped.incrementAndGet();
                if (n % 1000 == 1) log.warn("in-call trace write dropped ({} since start): {}", n, failure.getMessage());
            }
            if (run.opDone()) latest.remove(CallKey.of(run), run);
        });
    }

    /** Waits (up to 10 s) for the queued writes. Call before the store closes. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writing.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (writing.get() > 0) log.warn("in-call trace writer still busy after 10 s; {} writes left", writing.get());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
