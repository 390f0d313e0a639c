package dev.hookline.web;

import dev.hookline.store.InsightStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard reads beyond the API's services: the health aggregates (one query each) and
 * the recent-calls list. Thread-safe.
 */
public final class Insights {
    static final int WEEK_HOURS = 7 * 24;
    static final long HOUR = 3_600_000L;
    /** The endpoint table reads at most this many deliveries (the newest): a bound on its cost. */
    static final int HOST_SAMPLE = 5_000;

    private final InsightStore store;
    private final Clock clock;
    private final HourlyCounts hourly;
    private final Map<String, String> businessNames = new ConcurrentHashMap<>();

    /** {@code retention}: how long the store keeps deliveries ({@link Duration#ZERO}: for ever). */
    public Insights(InsightStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.hourly = new HourlyCounts(store, clock, retention);
    }

    /** Hourly delivery counts of flows over the last 7 days (the current hour last). */
    public record Activity(long start, Map<String, long[][]> byFlow) {
        /** A flow's hours, all 168 or the last {@code hours}; zeros for a flow without deliveries. */
        public long[][] last(String flowId, int hours) {
            long[][] all = byFlow.get(flowId);
            if (all == null) return new long[hours][3];
            long[][] out = new long[hours][];
            System.arraycopy(all, WEEK_HOURS - hours, out, 0, hours);
            return out;
        }

        public long startOfLast(int hours) {
            return start + (WEEK_HOURS - hours) * HOUR;
        }
    }

    /** Every flow's hours, counted in the store only where they can still change ({@link HourlyCounts}). */
    public Activity activity(String businessId) {
        return hourly.activity(businessId, null);
    }

    /** One flow's hours (the others are left out). */
    public Activity activity(String businessId, String flowId) {
        return hourly.activity(businessId, flowId);
    }

    /**
     * Per endpoint host, over the newest {@link #HOST_SAMPLE} deliveries of the last {@code hours}:
     * attempts, success rate and attempt-time percentiles.
     */
    public List<InsightStore.HostStats> endpoints(String businessId, int hours) {
        long since = clock.millis() - hours * HOUR;
        return store.hostStats(businessId, since, HOST_SAMPLE);
    }

    public List<InsightStore.CallRow> calls(String businessId, String flowId, Long beforeCreated, String beforeId, int limit) {
        return store.recentCalls(businessId, flowId, beforeCreated, beforeId, limit);
    }

    /** One call's delivery ids, newest first (at most {@code limit}). */
    public List<String> deliveriesOfCall(String businessId, String callId, int limit) {
        return store.deliveryIdsOfCall(businessId, callId, limit);
    }

    /** The business's name for the page header; cached (names do not change). */
    public String businessName(String businessId) {
        return businessNames.computeIfAbsent(businessId,
                id -> store.businessName(id).orElse("Business"));
    }
}
