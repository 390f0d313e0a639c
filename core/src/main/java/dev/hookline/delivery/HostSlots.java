package dev.hookline.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The send slots of one endpoint host, with a limit that adapts to how the host answers
 * (additive increase, multiplicative decrease, as TCP does for a congested link). An attempt that
 * gets no whole answer (time-out, refused, reset, a status whose body never ended in time) or is
 * told to slow down (429, 503) halves the limit;
 * each success raises it by one, up to the configured maximum. A host that hangs therefore holds
 * one or two connections instead of the maximum, and cannot fill the process-wide bound that
 * healthy hosts share. Deliveries beyond the limit wait in the store, unattempted, so a throttled
 * host loses no attempts.
 *
 * <p>Time-outs take the whole time-out to arrive, so a host that stops answering would first
 * collect rate × time-out attempts. A host is also held at {@link #STALL_SLOTS} attempts when it
 * has them in flight and has not answered any for {@link #STALL_MILLIS}: a slow host that
 * answers steadily is not affected, a silent one stops taking slots within a second.
 *
 * <p>After {@link #HOLD_AFTER} attempts in a row without an answer the host gets no slot at all
 * for a while (1 s, doubling up to {@link #HOLD_MAX_MILLIS}), then one attempt probes it: a
 * circuit breaker, so a dead host does not spend one delivery's attempt after another. Any answer ends the hold.
 * Thread-safe.
 */
final class HostSlots {
    /** In-flight attempts a silent host keeps. */
    static final int STALL_SLOTS = 4;
    /** How long without an answer, with attempts in flight, makes a host silent. */
    static final long STALL_MILLIS = 1_000;
    /** Attempts in a row without an answer before the host is held. */
    static final int HOLD_AFTER = 2;
    static final long HOLD_FIRST_MILLIS = 1_000;
    static final long HOLD_MAX_MILLIS = 30_000;

    private final int max;
    private final LongSupplier millis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int limit;
    /** A due delivery for this host is waiting in the store for a slot. */
    private volatile boolean waiting;
    /** The last answer from the host, or when it last went from idle to busy. */
    private volatile long lastProgress;
    /** No slot before this time (clock millis; 0: not held). */
    private volatile long holdUntil;
    /** Attempts without an answer since the last answer, and holds since then (guarded by this). */
    private int unanswered;
    private int holds;

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
            if (n >= limit || (n >= STALL_SLOTS && silent()) || held()) return false;
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

    /** Whether the host is held after attempts without an answer (no slot until {@link #holdUntil()}). */
    boolean held() {
        long h = holdUntil;
        return h != 0 && millis.getAsLong() < h;
    }

    /** When the current or last hold ends (clock millis), 0 when none was set since the last answer. */
    long holdUntil() {
        return holdUntil;
    }

    /** True once for a hold that has run out: the caller then looks for the host's waiting deliveries. */
    boolean holdEnded() {
        long h = holdUntil;
        if (h == 0 || millis.getAsLong() < h) return false;
        synchronized (this) {
            if (holdUntil != h) return false;
            holdUntil = 0;
            return true;
        }
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
        if (held()) return 0;
        int l = limit;
        return l > STALL_SLOTS && silent() ? STALL_SLOTS : l;
    }

    /** Notes that a due delivery for this host is in the store without a slot. */
    void markWaiting() {
        waiting = true;
    }

    /**
     * Adapts the limit to how an exchange on the wire ended; true when a hold began. A status
     * without a whole answer (a 200 whose body dripped past the time-out) counts as no answer.
     */
    synchronized boolean onExchange(Integer status, boolean wholeAnswer) {
        boolean answered = wholeAnswer && status != null;
        long now = millis.getAsLong();
        if (answered) {
            lastProgress = now;
            unanswered = 0;
            holds = 0;
            holdUntil = 0;
        }
        boolean hold = false;
        if (!answered && ++unanswered >= HOLD_AFTER && !held()) {
            // attempts already in flight when the hold began end inside it and do not lengthen it
            holdUntil = now + Math.min(HOLD_MAX_MILLIS, HOLD_FIRST_MILLIS << Math.min(holds, 16));
            holds++;
            hold = true;
        }
        if (!answered || status == 429 || status == 503) {
            limit = Math.max(1, limit / 2);
        } else if (status >= 200 && status < 300 && limit < max) {
            limit++;
        }
        return hold;
    }
}
