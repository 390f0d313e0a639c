package dev.hookline.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Send slots: attempts in flight per endpoint host ({@link HostSlots}, with its adaptive limit and
 * hold) and in all. A host with at most {@link #QUIET_HOST} attempts in flight gets its slot even
 * when the process bound is reached (up to twice the bound), so busy or hanging hosts filling the
 * bound cannot starve a quiet one. Also keeps which hosts have due deliveries waiting for a slot
 * that has just freed ("ready") or for a hold to end ("held"). Thread-safe.
 */
final class SendSlots {
    /** Attempts a host may have in flight however full the process is. */
    static final int QUIET_HOST = 4;

    private final DeliveryLimits limits;
    private final LongSupplier millis;
    private final ConcurrentHashMap<String, HostSlots> perHost = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    SendSlots(DeliveryLimits limits, LongSupplier millis) {
        this.limits = limits;
        this.millis = millis;
    }

    HostSlots of(String host) {
        HostSlots s = perHost.get(host);
        return s != null ? s : perHost.computeIfAbsent(host, k -> new HostSlots(limits.perHost(), millis));
    }

    /** Takes a slot when the host is under its limit and the process under its bound (see the class comment). */
    boolean tryTake(String host) {
        HostSlots s = of(host);
        if (!s.tryTake()) return false;
        int total = inFlight.incrementAndGet();
        if (total > limits.inFlight() && (s.inFlight() > QUIET_HOST || total > 2 * limits.inFlight())) {
            inFlight.decrementAndGet();
            s.untake();
            return false;
        }
        return true;
    }

    /** Takes a slot whatever the limits (the claim was decided on counts taken earlier). */
    void take(String host) {
        inFlight.incrementAndGet();
        of(host).take();
    }

    /** Gives a slot back; true when due deliveries of the host were waiting for it (the host is then ready). */
    boolean release(String host) {
        inFlight.decrementAndGet();
        HostSlots s = perHost.get(host);
        if (s != null && s.release()) {
            ready.add(host);
            return true;
        }
        return false;
    }

    /** Adapts the host's limit to how an exchange ended; true when a hold began (see {@link HostSlots}). */
    boolean onExchange(String host, Integer status, boolean wholeAnswer) {
        HostSlots s = of(host);
        if (!s.onExchange(status, wholeAnswer)) return false;
        held.add(host);
        return true;
    }

    /** A due delivery to {@code host} waits in the store without a slot; false when the host's next free slot will look for it. */
    boolean queuedWithoutSlot(String host) {
        HostSlots s = of(host);
        if (s.full()) {
            s.markWaiting();
            return !s.full(); // the slot may have freed between the check and the mark
        }
        return true;
    }

    /** Hosts without a free slot, each marked as waiting so the slot it frees next brings its due rows in. */
    Set<String> fullHosts() {
        Set<String> out = new HashSet<>();
        perHost.forEach((h, s) -> {
            if (s.full()) {
                out.add(h);
                s.markWaiting();
            }
        });
        return out;
    }

    /** Makes ready the hosts whose hold ran out; returns when the soonest hold still running ends (or MAX_VALUE). */
    long endHolds() {
        long soonest = Long.MAX_VALUE;
        for (String host : held) {
            HostSlots s = perHost.get(host);
            if (s == null || s.holdEnded()) {
                held.remove(host);
                ready.add(host);
            } else if (s.holdUntil() == 0) {
                held.remove(host); // an answer ended the hold early
            } else {
                soonest = Math.min(soonest, s.holdUntil());
            }
        }
        return soonest;
    }

    void markReady(String host) {
        ready.add(host);
    }

    /** Takes one ready host, or null when none. */
    String nextReady() {
        for (String host : ready) {
            if (ready.remove(host)) return host;
        }
        return null;
    }

    boolean anyReady() {
        return !ready.isEmpty();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Attempts in flight per host, for the metrics (hosts with none left out). */
    Map<String, Integer> inFlightByHost() {
        Map<String, Integer> out = new HashMap<>();
        perHost.forEach((h, s) -> {
            int n = s.inFlight();
            if (n > 0) out.put(h, n);
        });
        return out;
    }

    /** Slots left under the process bound (negative when quiet hosts went past it). */
    int room() {
        return limits.inFlight() - inFlight.get();
    }

    DeliveryLimits limits() {
        return limits;
    }
}
