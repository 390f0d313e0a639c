package dev.hookline.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The send slots of one endpoint host, with a limit that adapts to how the host answers
 * (additive increase, multiplicative decrease, as TCP does for a congested link). An attempt that
 * gets no answer (time-out, refused, reset) or is told to slow down (429, 503) halves the limit;
 * each success raises it by one, up to the configured maximum. A host that hangs therefore holds
 * one or two connections instead of the maximum, and cannot fill the process-wide bound that
 * healthy hosts share. Deliveries beyond the limit wait in the store, unattempted, so a throttled
 * host loses no attempts.
 *
 * <p>Time-outs take the whole time-out to arrive, so a host that stops answering would first
 * collect rate × time-out attempts. A host is also held at {@link #STALL_SLOTS} attempts when it
 * has them in flight and has not answered any for {@link #STALL_MILLIS}: a slow host that
 * answers steadily is not affected, a silent one stops taking slots within a second.
 * Thread-safe.
 */
final class HostSlots {
    /** In-flight attempts a silent host keeps. */
    static final int STALL_SLOTS = 4;
    /** How long without an answer, with attempts in flight, makes a host silent. */
    static final long STALL_MILLIS = 1_000;

    private final int max;
    private final LongSupplier millis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int limit;
    /** A due delivery for this host is waiting in the store for a slot. */
    private volatile boolean waiting;
    /** The last answer from the host, or when it last went from idle to busy. */
    private volatile long lastProgress;

    HostSlots(int max, LongSupplier millis) {
        this.max = max;
        this.millis = millis;
        this.limit = max;
        this.lastProgress = millis.getAsLong();
    }

    /** Takes a slot if the host is under its limit and not silent. */
    boolean tryTake() {
        while (true) {
            int n = inFlight.get();
            if (n >= limit || (n >= STALL_SLOTS && silent())) return false;
            if (inFlight.compareAndSet(n, n + 1)) {
                if (n == 0) lastProgress = millis.getAsLong();
                return true;
            }
        }
    }

    /** Takes a slot whatever the limit (the claim was decided from a count taken earlier). */
    void take() {
        if (inFlight.getAndIncrement() == 0) lastProgress = millis.getAsLong();
    }

    private boolean silent() {
        return millis.getAsLong() - lastProgress > STALL_MILLIS;
    }

    /** Gives back a slot taken a moment ago and not used. */
    void untake() {
        inFlight.decrementAndGet();
    }

    /** Gives a slot back; true when deliveries were waiting for one (the caller then looks for them). */
    boolean release() {
        inFlight.decrementAndGet();
        if (waiting && !full()) {
            waiting = false;
            return true;
        }
        return false;
    }

    int inFlight() {
        return inFlight.get();
    }

    int limit() {
        return limit;
    }

    /** No slot for now: at the limit, or silent with its stall share in flight. */
    boolean full() {
        return inFlight.get() >= capacity();
    }

    /** How many attempts the host may have in flight now. */
    int capacity() {
        int l = limit;
        return l > STALL_SLOTS && silent() ? STALL_SLOTS : l;
    }

    /** Notes that a due delivery for this host is in the store without a slot. */
    void markWaiting() {
        waiting = true;
    }

    /** Adapts the limit to how an attempt that went on the wire ended. */
    synchronized void onOutcome(AttemptOutcome o) {
        Integer status = o.statusCode();
        if (status != null) lastProgress = millis.getAsLong();
        if (status == null || status == 429 || status == 503) {
            limit = Math.max(1, limit / 2);
        } else if (status >= 200 && status < 300 && limit < max) {
            limit++;
        }
    }
}
