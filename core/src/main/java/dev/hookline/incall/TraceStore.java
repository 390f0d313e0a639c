package dev.hookline.incall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.logging.LogIds;
import dev.hookline.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trace of live runs with their calls, off the answer's path: {@link #save} queues a
 * finished run (one call record per CallSid; its trace replaces any earlier one) and
 * {@link #settle} queues a fired webhook's final outcome. One writer thread applies the queue in
 * order, many ops per transaction, so a burst of calls costs a few disk syncs, not one each.
 *
 * <p>A settle that arrives before its run is saved lands in the run and is saved with it. When a
 * later {@code voice/inbound} starts for the same call (a telephony retry), the earlier run's
 * pending writes are dropped, so the two traces never mix. The queue is bounded; past it a write
 * is dropped and logged (the answer was given already). Thread-safe.
 */
final class TraceStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TraceStore.class);
    static final int CAPACITY = 10_000;
    private static final int MAX_BATCH = 500;

    private record CallKey(String businessId, String callSid) {
        static CallKey of(FlowRun run) {
            return new CallKey(run.call().businessId(), run.call().callSid());
        }
    }

    /** A queued write: a whole run's trace, or one settled entry of it. */
    private record Op(FlowRun run, List<TraceEntry> trace, int position, TraceEntry entry) {}

    /** Queued by {@link #close}: the writer writes what came before it, then ends. */
    private static final Op STOP = new Op(null, null, -1, null);

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** The latest run of each call that may still write; an op of any other run is dropped. */
    private final ConcurrentHashMap<CallKey, FlowRun> latest = new ConcurrentHashMap<>();
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    TraceStore(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
        this.writer = new Thread(this::writeLoop, "hookline-incall-trace");
        this.writer.setDaemon(true);
        this.writer.start();
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
        enqueue(new Op(run, run.markStored(), -1, null));
    }

    /** Records a fired webhook's final outcome. */
    void settle(FlowRun run, int position, TraceEntry entry) {
        if (run.settle(position, entry)) enqueue(new Op(run, null, position, entry));
        // else: not saved yet, the entry is saved with the run
    }

    private void enqueue(Op op) {
        if (closing || !queue.offer(op)) {
            long n = dropped.incrementAndGet();
            if (n % 1000 == 1) log.warn("in-call trace write dropped: the store is {} ({} dropped since start)", closing ? "closing" : "behind", n);
            done(op);
        }
    }

    private void writeLoop() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the loop, after the queue is written
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stop = batch.remove(STOP);
            if (!batch.isEmpty()) write(batch);
        }
    }

    private void write(List<Op> batch) {
        try {
            db.write(h -> {
                for (Op op : batch) apply(h, op);
                return null;
            });
        } catch (RuntimeException batchFailed) {
            // find the culprit: each op on its own
            for (Op op : batch) {
                try {
                    db.write(h -> {
                        apply(h, op);
                        return null;
                    });
                } catch (RuntimeException e) {
                    try (LogIds ids = LogIds.call(op.run().call().callSid())) {
                        log.warn("could not store the in-call trace of call {}: {}", op.run().call().callSid(), e.getMessage());
                    }
                }
            }
        }
        for (Op op : batch) done(op);
    }

    private void apply(Handle h, Op op) {
        FlowRun run = op.run();
        if (latest.get(CallKey.of(run)) != run) return; // a later run of this call replaced it
        LiveCall c = run.call();
        InCallDao dao = h.attach(InCallDao.class);
        if (op.trace() != null) {
            dao.saveTrace(c.businessId(), c.callSid(), run.flow().id(), c.to(), c.from(), json(op.trace().stream().map(TraceEntry::view).toList()),
                    clock.millis());
        } else {
            dao.setTraceEntry(c.businessId(), c.callSid(), op.position(), json(op.entry().view()));
        }
    }

    private void done(Op op) {
        if (op.run().opDone()) latest.remove(CallKey.of(op.run()), op.run());
    }

    /** Writes what is queued, then stops. Call before the store closes. */
    @Override
    public void close() {
        closing = true;
        try {
            if (!queue.offer(STOP, 10, TimeUnit.SECONDS)) log.warn("in-call trace queue still full after 10 s");
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) log.warn("in-call trace writer still busy after 10 s; {} writes left", queue.size());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
