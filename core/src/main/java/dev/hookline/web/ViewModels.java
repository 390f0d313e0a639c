package dev.hookline.web;

import dev.hookline.model.CallFlow;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small pieces of page models shared by several pages: a flow's summary, counts, charts, times. */
final class ViewModels {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ViewModels() {}

    static Map<String, Object> flowSummary(CallFlow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("numbers", String.join(", ", f.trackingNumbers()));
        m.put("webhookOn", f.postCallWebhook().enabled());
        m.put("url", f.postCallWebhook().url());
        m.put("host", host(f.postCallWebhook().url()));
        m.put("connector", f.postCallWebhook().connector());
        m.put("isSheets", "sheets".equals(f.postCallWebhook().connector()));
        m.put("mode", "wait_for_ai".equals(f.postCallWebhook().firingMode().wire()) ? "Wait for AI" : "Immediate");
        m.put("stepCount", f.steps().size());
        m.put("created", time(f.createdAt()));
        m.put("updated", time(f.updatedAt()));
        return m;
    }

    /** Totals of hourly {succeeded, failed, pending} counts, with the success rate of the finished ones. */
    static Map<String, Object> totals(long[][] hours) {
        long ok = 0, failed = 0, pending = 0;
        for (long[] h : hours) {
            ok += h[BarChart.OK];
            failed += h[BarChart.FAILED];
            pending += h[BarChart.PENDING];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("failed", failed);
        m.put("pending", pending);
        m.put("total", ok + failed + pending);
        m.put("hasFailed", failed > 0);
        m.put("hasPending", pending > 0);
        m.put("rate", ok + failed == 0 ? "–" : percent(ok, ok + failed));
        return m;
    }

    /** A flow's two charts (last 24 h, last 7 days) and their totals. */
    static Map<String, Object> charts(Insights.Activity a, String flowId) {
        Map<String, Object> m = new LinkedHashMap<>();
        long[][] day = a.last(flowId, 24);
        long[][] week = a.last(flowId, Insights.WEEK_HOURS);
        m.put("svg24", BarChart.svg("Deliveries per hour, last 24 h", day, a.startOfLast(24), 6, 360));
        m.put("svg7d", BarChart.svg("Deliveries per hour, last 7 days", week, a.startOfLast(Insights.WEEK_HOURS), 24, 720));
        m.put("day", totals(day));
        m.put("week", totals(week));
        return m;
    }

    static String percent(long part, long whole) {
        double p = 100.0 * part / whole;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + " %";
    }

    static String time(Long epochMillis) {
        return epochMillis == null ? null : TIME.format(Instant.ofEpochMilli(epochMillis)) + " UTC";
    }

    /** An API time ({@code 2026-05-01T10:00:03Z}) as the pages show it. */
    static String time(String iso) {
        if (iso == null) return null;
        try {
            return time(Instant.parse(iso).toEpochMilli());
        } catch (RuntimeException e) {
            return iso;
        }
    }

    static String host(String url) {
        if (url == null) return null;
        try {
            String h = URI.create(url).getHost();
            return h == null ? url : h;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** The badge class of a delivery status. */
    static String badge(String status) {
        if (status == null) return "none";
        return switch (status) {
            case "succeeded" -> "ok";
            case "failed" -> "failed";
            case "pending" -> "pending";
            case "skipped" -> "skipped";
            default -> "none";
        };
    }
}
