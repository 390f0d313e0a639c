package dev.hookline.web;

import dev.hookline.store.InsightStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deliveries per flow, hour and outcome over the last 7 days, counted in the store only where they
 * can still change. A delivery is created at its hub's "now", and only a pending one changes
 * status; so an hour that ended a while ago ({@link #GRACE}, for commits in flight and clocks of
 * other hubs) and held nothing pending when counted is final. Each business keeps the counts of its
 * hours up to the first that is not final; a view counts from that hour on (usually the last one
 * or two). With a retention shorter than the window, rows of past hours are removed, so nothing is
 * kept. Thread-safe.
 */
final class HourlyCounts {
    static final long HOUR = Insights.HOUR;
    static final int WEEK = Insights.WEEK_HOURS;
    /** How long after its end an hour may still receive deliveries (a commit under way, another hub's clock). */
    static final long GRACE = Duration.ofMinutes(5).toMillis();
    /** Businesses remembered at most; past it the memory starts again empty. */
    private static final int MAX_BUSINESSES = 10_000;

    /** A business's final hours before {@code openFrom}: counts by flow, {succeeded, failed, pending} per hour start. */
    private record Final(long openFrom, Map<String, Map<Long, long[]>> counts) {}

    private final InsightStore store;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, Final> finals = new ConcurrentHashMap<>();

    /** {@code retention}: how long the store keeps deliveries ({@link Duration#ZERO}: for ever). */
    HourlyCounts(InsightStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /** The last 7 days of every flow of the business, or of {@code flowId} alone when not null. */
    Insights.Activity activity(String businessId, String flowId) {
        long now = clock.millis();
        long current = (now / HOUR) * HOUR;
        long start = current - (WEEK - 1) * HOUR;
        Final known = finals.get(businessId);
        long from = known == null ? start : Math.max(start, Math.min(known.openFrom(), current));
        Map<String, long[][]> byFlow = new HashMap<>();
        if (known != null) {
            known.counts().forEach((flow, hours) -> {
                if (flowId != null && !flowId.equals(flow)) return;
                hours.forEach((hour, n) -> {
                    if (hour >= start && hour < from) {
                        System.arraycopy(n, 0, byFlow.computeIfAbsent(flow, k -> new long[WEEK][3])[(int) ((hour - start) / HOUR)], 0, 3);
                    }
                });
            });
        }
        List<InsightStore.FlowHour> rows = store.flowHours(businessId, flowId, from, (int) ((current - from) / HOUR) + 1);
        Map<String, Map<Long, long[]>> fresh = new HashMap<>();
        boolean[] pending = new boolean[WEEK];
        for (InsightStore.FlowHour r : rows) {
            if (r.n() == 0) continue;
            int slot = switch (r.status()) {
                case "succeeded" -> BarChart.OK;
                case "failed" -> BarChart.FAILED;
                default -> BarChart.PENDING;
            };
            long hour = from + r.bucket() * HOUR;
            byFlow.computeIfAbsent(r.callFlowId(), k -> new long[WEEK][3])[(int) ((hour - start) / HOUR)][slot] += r.n();
            fresh.computeIfAbsent(r.callFlowId(), k -> new HashMap<>()).computeIfAbsent(hour, k -> new long[3])[slot] += r.n();
            if (slot == BarChart.PENDING) pending[(int) ((hour - start) / HOUR)] = true;
        }
        if (flowId == null) remember(businessId, known, start, from, now, pending, fresh);
        return new Insights.Activity(start, byFlow);
    }

    /** Keeps the hours from {@code from} on that are final now, up to the first that is not. */
    private void remember(String businessId, Final known, long start, long from, long now, boolean[] pending,
                          Map<String, Map<Long, long[]>> fresh) {
        long oldestKept = retention.isZero() ? Long.MIN_VALUE : now - retention.toMillis() + HOUR;
        if (start < oldestKept) return; // past hours lose rows to retention: nothing is final
        long openFrom = from;
        while (openFrom + HOUR + GRACE <= now && !pending[(int) ((openFrom - start) / HOUR)]) openFrom += HOUR;
        if (known != null && openFrom == known.openFrom()) return;
        Map<String, Map<Long, long[]>> counts = new HashMap<>();
        if (known != null) {
            known.counts().forEach((flow, hours) -> hours.forEach((hour, n) -> {
                if (hour >= start && hour < from) counts.computeIfAbsent(flow, k -> new HashMap<>()).put(hour, n);
            }));
        }
        long until = openFrom;
        fresh.forEach((flow, hours) -> hours.forEach((hour, n) -> {
            if (hour < until) counts.computeIfAbsent(flow, k -> new HashMap<>()).put(hour, n);
        }));
        if (finals.size() >= MAX_BUSINESSES && !finals.containsKey(businessId)) finals.clear();
        finals.put(businessId, new Final(openFrom, counts));
    }
}
