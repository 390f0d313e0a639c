package dev.hookline.store.sqlite;

import dev.hookline.store.InsightStore.HostStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-host attempt statistics from attempts counted per host and attempt time: totals are sums,
 * and p50/p95 are the discrete percentiles (the smallest time with at least that share of the
 * timed attempts at or under it, as PostgreSQL's {@code percentile_disc}). Stateless.
 */
final class HostHistogram {
    /** The attempts of one host that took {@code durationMs} (null: not timed): how many, how many 2xx, how many were a delivery's first, of those how many of failed deliveries. */
    record Group(String host, Long durationMs, long attempts, long ok, long firsts, long failedFirsts) {}

    private HostHistogram() {}

    /** The hosts with the most attempts first, at most {@code limit}. */
    static List<HostStats> stats(List<Group> groups, int limit) {
        Map<String, List<Group>> byHost = new LinkedHashMap<>();
        for (Group g : groups) byHost.computeIfAbsent(g.host(), k -> new ArrayList<>()).add(g);
        List<HostStats> out = new ArrayList<>();
        for (Map.Entry<String, List<Group>> e : byHost.entrySet()) out.add(host(e.getKey(), e.getValue()));
        out.sort(Comparator.comparingLong(HostStats::attempts).reversed().thenComparing(HostStats::host));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private static HostStats host(String host, List<Group> groups) {
        long attempts = 0, ok = 0, deliveries = 0, failed = 0, timed = 0;
        List<Group> byTime = new ArrayList<>();
        for (Group g : groups) {
            attempts += g.attempts();
            ok += g.ok();
            deliveries += g.firsts();
            failed += g.failedFirsts();
            if (g.durationMs() != null) {
                timed += g.attempts();
                byTime.add(g);
            }
        }
        byTime.sort(Comparator.comparingLong(Group::durationMs));
        return new HostStats(host, attempts, ok, deliveries, failed, percentile(byTime, timed, 50), percentile(byTime, timed, 95));
    }

    /** The time of the attempt ranked ceil(timed × pct / 100) by time; null when none was timed. */
    private static Long percentile(List<Group> byTime, long timed, int pct) {
        if (timed == 0) return null;
        long rank = (timed * pct + 99) / 100;
        long seen = 0;
        for (Group g : byTime) {
            seen += g.attempts();
            if (seen >= rank) return g.durationMs();
        }
        return byTime.get(byTime.size() - 1).durationMs();
    }
}
