package dev.hookline.incall;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-flight slots of one kind of in-call request, shared fairly between businesses: the hub holds
 * at most {@code total} at once and one business at most {@code perBusiness}, so a business whose
 * receivers are slow (or whose calls come in a flood) cannot take the slots every other business's
 * live calls need. Thread-safe.
 */
final class BusinessSlots {

    /** Whether a slot was taken, and if not, whose bound was reached. */
    enum Taken { YES, HUB_FULL, BUSINESS_FULL }

    private final int total;
    private final int perBusiness;
    private final AtomicInteger used = new AtomicInteger();
    /** Slots held per business; a business holding none has no entry. */
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    BusinessSlots(int total, int perBusiness) {
        this.total = total;
        this.perBusiness = perBusiness;
    }

    Taken tryTake(String business) {
        if (used.incrementAndGet() > total) {
            used.decrementAndGet();
            return Taken.HUB_FULL;
        }
        boolean[] taken = {false};
        held.compute(business, (b, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perBusiness) return n;
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            used.decrementAndGet();
            return Taken.BUSINESS_FULL;
        }
        return Taken.YES;
    }

    /** Gives back a slot {@link #tryTake} gave {@code business}. */
    void release(String business) {
        held.computeIfPresent(business, (b, n) -> n <= 1 ? null : n - 1);
        used.decrementAndGet();
    }

    int total() {
        return total;
    }

    int perBusiness() {
        return perBusiness;
    }
}
