package dev.hookline.web;

import dev.hookline.store.InsightStore;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowService;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /}: health at a glance. Per flow, deliveries per hour by outcome over the last 24 h and
 * 7 days (one aggregate query for all flows); per endpoint host, the success rate and p50/p95
 * attempt time (one more).
 */
public final class OverviewPage {
    private final Guard guard;
    private final FlowService flows;
    private final Insights insights;

    public OverviewPage(Guard guard, FlowService flows, Insights insights) {
        this.guard = guard;
        this.flows = flows;
        this.insights = insights;
    }

    public void register(RoutesConfig r) {
        r.get("/", guard.page(this::show));
    }

    private void show(Page p) {
        boolean week = "7d".equals(p.ctx().queryParam("range"));
        List<CallFlow> all = flows.list(p.business());
        Insights.Activity activity = insights.activity(p.business());
        Map<String, Object> m = p.model("Health", "home");
        List<Map<String, Object>> cards = new ArrayList<>();
        for (CallFlow f : all) {
            Map<String, Object> c = ViewModels.flowSummary(f);
            c.put("charts", ViewModels.charts(activity, f.id()));
            cards.add(c);
        }
        m.put("flows", cards);
        m.put("noFlows", all.isEmpty());
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (InsightStore.HostStats h : insights.endpoints(p.business(), week ? Insights.WEEK_HOURS : 24)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", h.host());
            row.put("attempts", h.attempts());
            row.put("deliveries", h.deliveries());
            row.put("failedDeliveries", h.failedDeliveries());
            row.put("rate", h.attempts() == 0 ? "–" : ViewModels.percent(h.okAttempts(), h.attempts()));
            row.put("poor", h.attempts() > 0 && h.okAttempts() * 100 < h.attempts() * 95);
            row.put("p50", h.p50Ms() == null ? "–" : h.p50Ms() + " ms");
            row.put("p95", h.p95Ms() == null ? "–" : h.p95Ms() + " ms");
            hosts.add(row);
        }
        m.put("hosts", hosts);
        m.put("noHosts", hosts.isEmpty());
        m.put("week", week);
        m.put("sample", String.format(java.util.Locale.ROOT, "%,d", Insights.HOST_SAMPLE));
        m.put("rangeLabel", week ? "last 7 days" : "last 24 h");
        p.render("overview", m);
    }
}
