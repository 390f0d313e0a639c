package dev.hookline.delivery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The send slots of one endpoint host, with a limit that adapts to how the host answers
 * (additive increase, multiplicative decrease, as TCP does for a congested link). An attempt that
 * gets no answer (time-out, refused, reset) or is told to slow down (429, 503) halves the limit;
 * each success raises it by one, up to the configured maximum. A host that hangs therefore holds
 * one or two connections instead of the maximum, and cannot fill the process-wide bound that
 * healthy hosts share. Deliveries beyond the limit wait in the store, unattempted, so a throttled
 * host loses no attempts. Thread-safe.
 */
final class HostSlots {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int limit;
    /** A due delivery for this host is waiting in the store for a slot. */
    private volatile boolean waiting;

    HostSlots(int max) {
        this.max = max;
        this.limit = max;
    }

    /** Takes a slot if the host is under its limit. */
    boolean tryTake() {
        while (true) {
            int n = inFlight.get();
            if (n >= limit) return false;
            if (inFlight.compareAndSet(n, n + 1)) return true;
        }
    }

    /** Takes a slot whatever the limit (the claim was decided from a count taken earlier). */
    void take() {
        inFlight.incrementAndGet();
    }

    /** Gives back a slot taken a moment ago and not used. */
    void untake() {
        inFlight.decrementAndGet();
    }

    /** Gives a slot back; true when deliveries were waiting for one (the caller then looks for them). */
    boolean release() {
        inFlight.decrementAndGet();
        if (waiting && inFlight.get() < limit) {
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

    boolean full() {
        return inFlight.get() >= limit;
    }

    /** Notes that a due delivery for this host is in the store without a slot. */
    void markWaiting() {
        waiting = true;
    }

    /** Adapts the limit to how an attempt that went on the wire ended. */
    synchronized void onOutcome(AttemptOutcome o) {
        Integer status = o.statusCode();
        if (status == null || status == 429 || status == 503) {
            limit = Math.max(1, limit / 2);
        } else if (status >= 200 && status < 300 && limit < max) {
            limit++;
        }
    }
}
