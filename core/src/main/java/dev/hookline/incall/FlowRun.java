package dev.hookline.incall;

import dev.hookline.flows.CallFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one live flow run: the actions so far, the trace as the flow passed each step
 * (what {@code voice/inbound} answers) and the latest trace (what is stored: fired webhooks get
 * their final outcome there). The engine advances a run one step at a time; background requests
 * settle their entries from other threads, so every method is synchronized. Thread-safe.
 */
final class FlowRun {
    private final LiveCall call;
    private final CallFlow flow;
    private final List<Action> actions = new ArrayList<>();
    private final List<TraceEntry> asRun = new ArrayList<>();
    private final List<TraceEntry> latest = new ArrayList<>();
    private int pendingBackground;
    private boolean stored;

    FlowRun(LiveCall call, CallFlow flow) {
        this.call = call;
        this.flow = flow;
    }

    LiveCall call() {
        return call;
    }

    CallFlow flow() {
        return flow;
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

    /** A background request ended: its final entry replaces the fired one. */
    synchronized Settled settle(int position, TraceEntry e) {
        latest.set(position, e);
        pendingBackground--;
        return new Settled(stored, pendingBackground == 0);
    }

    /** Marks the run stored and returns the trace to store and whether requests are still out. */
    synchronized Snapshot markStored() {
        stored = true;
        return new Snapshot(List.copyOf(latest), pendingBackground > 0);
    }

    synchronized InCallResult result() {
        return new InCallResult(call.callSid(), flow.id(), actions, asRun);
    }

    /** After {@link #settle}: whether the run was already stored (so the store must be updated) and whether it was the last one out. */
    record Settled(boolean stored, boolean lastOut) {}

    record Snapshot(List<TraceEntry> trace, boolean backgroundPending) {}
}
