package dev.hookline.web;

import dev.hookline.store.InsightStore;
import java.time.Clock;
import java.util.HashMap;
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
    private final Map<String, String> businessNames = new ConcurrentHashMap<>();

    public Insights(InsightStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Hourly delivery counts of every flow over the last 7 days (the current hour last), from one query. */
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

    public Activity activity(String businessId) {
        long start = (clock.millis() / HOUR) * HOUR - (WEEK_HOURS - 1) * HOUR;
        List<InsightStore.FlowHour> rows = store.flowHours(businessId, start, WEEK_HOURS);
        Map<String, long[][]> byFlow = new HashMap<>();
        for (InsightStore.FlowHour r : rows) {
            if (r.n() == 0) continue;
            long[][] hours = byFlow.computeIfAbsent(r.callFlowId(), k -> new long[WEEK_HOURS][3]);
            int slot = switch (r.status()) {
                case "succeeded" -> BarChart.OK;
                case "failed" -> BarChart.FAILED;
                default -> BarChart.PENDING;
            };
            hours[r.bucket()][slot] += r.n();
        }
        return new Activity(start, byFlow);
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
