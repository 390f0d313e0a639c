package dev.hookline.incall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trace of live runs with their calls: {@link #save} stores a finished run (one call
 * record per CallSid; a repeat run replaces the trace), {@link #settle} writes a fired webhook's
 * final outcome into the stored trace. A settle that arrives before the run is stored lands in
 * the run's own state and is stored with it. A settle from a run that a later run for the same
 * call has replaced is dropped, so a retry's trace is never mixed with an old one. Thread-safe.
 */
final class TraceStore {
    private static final Logger log = LoggerFactory.getLogger(TraceStore.class);

    private record CallKey(String businessId, String callSid) {}

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;
    /** The last stored run of each call that still has background requests out. */
    private final ConcurrentHashMap<CallKey, FlowRun> current = new ConcurrentHashMap<>();

    public TraceStore(Database db, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.mapper = mapper;
        this.clock = clock;
    }

    void save(FlowRun run) {
        LiveCall c = run.call();
        CallKey key = new CallKey(c.businessId(), c.callSid());
        FlowRun.Snapshot snapshot;
        try {
            snapshot = db.write(h -> {
                // inside the write lock, so a settle of a replaced run (also under it) sees the replacement
                current.put(key, run);
                FlowRun.Snapshot s = run.markStored();
                h.attach(InCallDao.class).saveTrace(c.businessId(), c.callSid(), run.flow().id(), c.to(), c.from(), json(s.trace()),
                        clock.millis());
                return s;
            });
        } catch (RuntimeException e) {
            current.remove(key, run);
            throw e;
        }
        if (!snapshot.backgroundPending()) current.remove(key, run);
    }

    void settle(FlowRun run, int position, TraceEntry entry) {
        FlowRun.Settled s = run.settle(position, entry);
        if (!s.stored()) return; // save() will store it with the run
        LiveCall c = run.call();
        CallKey key = new CallKey(c.businessId(), c.callSid());
        try {
            db.write(h -> {
                if (current.get(key) != run) return null; // a later run for this call replaced the trace
                h.attach(InCallDao.class).setTraceEntry(c.businessId(), c.callSid(), position, json(entry.view()));
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not record the outcome of step {} of call {}: {}", entry.step(), c.callSid(), e.getMessage());
        } finally {
            if (s.lastOut()) current.remove(key, run);
        }
    }

    private String json(List<TraceEntry> trace) {
        return json(trace.stream().map(TraceEntry::view).toList());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
