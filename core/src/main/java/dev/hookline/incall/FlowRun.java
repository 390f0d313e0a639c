package dev.hookline.incall;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one live flow run: the actions so far, the trace as the flow passed each step
 * (what {@code voice/inbound} answers) and the latest trace (what is stored: fired webhooks get
 * their final outcome there), plus the bookkeeping the store needs to know when the run is done
 * with (no request out, no write queued). The engine advances a run one step at a time;
 * background requests settle their entries from other threads, so every method is synchronized.
 * Thread-safe.
 */
final class FlowRun {
    private final LiveCall call;
    private final LiveFlow flow;
    private final long deadlineAt;
    private final List<Action> actions = new ArrayList<>();
    private final List<TraceEntry> asRun = new ArrayList<>();
    private final List<TraceEntry> latest = new ArrayList<>();
    private int pendingBackground;
    private boolean stored;
    private int queuedOps;

    FlowRun(LiveCall call, LiveFlow flow, long deadlineAt) {
        this.call = call;
        this.flow = flow;
        this.deadlineAt = deadlineAt;
    }

    LiveCall call() {
        return call;
    }

    LiveFlow flow() {
        return flow;
    }

    /** When the flow must have its answer (epoch ms of the engine's clock). */
    long deadlineAt() {
        return deadlineAt;
    }

    /** Adds a step's entry; returns its position in the trace. */
    synchronized int record(TraceEntry e) {
        asRun.add(e);
        latest.add(e);
        return latest.size() - 1;
    }

    synchronized void act(Action a) {
        actions.add(a);
    }

    synchronized boolean ended() {
        return !actions.isEmpty() && actions.get(actions.size() - 1).endsFlow();
    }

    synchronized void backgroundStarted() {
        pendingBackground++;
    }

    /**
     * A background request ended: its final entry replaces the fired one. Returns true when the
     * run was already handed to the store, so the entry must be written there too (one more op).
     */
    synchronized boolean settle(int position, TraceEntry e) {
        latest.set(position, e);
        pendingBackground--;
        if (stored) queuedOps++;
        return stored;
    }

    /** Hands the run to the store: from now on settled entries are written as separate ops. */
    synchronized List<TraceEntry> markStored() {
        stored = true;
        queuedOps++;
        return List.copyOf(latest);
    }

    /** One of this run's store ops was written (or dropped); true when none is queued and none can come. */
    synchronized boolean opDone() {
        queuedOps--;
        return queuedOps == 0 && pendingBackground == 0;
    }

    synchronized InCallResult result() {
        return new InCallResult(call.callSid(), flow.id(), actions, asRun);
    }
}
