package dev.hookline.web;

import dev.hookline.store.InsightStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.model.Call;
import dev.hookline.model.CallFields;
import dev.hookline.calls.CallJson;
import dev.hookline.calls.CallService;
import dev.hookline.delivery.DeliveryService;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowService;
import io.javalin.config.RoutesConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recent calls with their event, AI status, delivery status and in-call trace; one call in full. */
public final class CallPages {
    static final int PAGE = 50;

    private final Guard guard;
    private final CallService calls;
    private final CallJson callJson;
    private final DeliveryService deliveries;
    private final FlowService flows;
    private final Insights insights;
    private final ObjectMapper mapper;

    public CallPages(Guard guard, CallService calls, DeliveryService deliveries, FlowService flows, Insights insights, ObjectMapper mapper) {
        this.guard = guard;
        this.calls = calls;
        this.callJson = new CallJson(mapper);
        this.deliveries = deliveries;
        this.flows = flows;
        this.insights = insights;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r) {
        r.get("/calls", guard.page(this::list));
        r.get("/calls/{id}", guard.page(this::show));
    }

    private void list(Page p) {
        String flow = DeliveryPages.blank(p.ctx().queryParam("flow"));
        Long beforeCreated = null;
        String beforeId = null;
        String cursor = DeliveryPages.blank(p.ctx().queryParam("cursor"));
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                beforeCreated = Long.parseLong(parts[0]);
                beforeId = parts[1];
            } catch (RuntimeException e) {
                beforeCreated = null; // a mangled link: start from the newest
            }
        }
        List<InsightStore.CallRow> page = insights.calls(p.business(), flow, beforeCreated, beforeId, PAGE + 1);
        Map<String, String> names = new LinkedHashMap<>();
        for (CallFlow f : flows.list(p.business())) names.put(f.id(), f.name());
        Map<String, Object> m = p.model("Calls", "calls");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InsightStore.CallRow c : page.subList(0, Math.min(PAGE, page.size()))) rows.add(row(c, names));
        m.put("rows", rows);
        m.put("empty", rows.isEmpty());
        if (page.size() > PAGE) {
            InsightStore.CallRow last = page.get(PAGE - 1);
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|" + last.callId()).getBytes(StandardCharsets.UTF_8));
            m.put("nextLink", "/calls?" + (flow == null ? "" : "flow=" + DeliveryPages.enc(flow) + "&") + "cursor=" + next);
        }
        if (cursor != null) m.put("firstLink", "/calls" + (flow == null ? "" : "?flow=" + DeliveryPages.enc(flow)));
        m.put("flowOptions", names.entrySet().stream().map(e -> Map.of("id", e.getKey(), "name", e.getValue(), "selected", e.getKey().equals(flow))).toList());
        p.render("calls", m);
    }

    private Map<String, Object> row(InsightStore.CallRow c, Map<String, String> names) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("callId", c.callId());
        r.put("created", ViewModels.time(c.createdAt()));
        r.put("flowName", c.callFlowId() == null ? "–" : names.getOrDefault(c.callFlowId(), "(deleted flow)"));
        r.put("caller", c.callerNumber());
        r.put("tracking", c.trackingNumber());
        r.put("event", c.status() == null ? "live only" : CallFields.eventFor(c.status()));
        r.put("ai", !c.aiProcessed() ? "pending" : (c.aiCategory() == null ? "done" : c.aiCategory()) + (c.aiScore() == null ? "" : " · " + c.aiScore()));
        r.put("aiDone", c.aiProcessed());
        if (c.lastDelivery() != null) {
            String[] parts = c.lastDelivery().split(" ", 2);
            r.put("deliveryStatus", parts[0]);
            r.put("deliveryBadge", ViewModels.badge(parts[0]));
            r.put("deliveryId", parts.length > 1 ? parts[1] : null);
        }
        r.put("trace", traceSummary(c.inCallTrace()));
        return r;
    }

    private void show(Page p) {
        Call call = calls.get(p.business(), p.ctx().pathParam("id"));
        Map<String, Object> view = callJson.view(call);
        Map<String, Object> m = p.model("Call " + call.callId(), "calls");
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Map.Entry<String, Object> e : view.entrySet()) {
            if (e.getKey().equals("in_call_trace") || e.getValue() == null) continue;
            fields.add(Map.of("key", e.getKey(), "value", String.valueOf(e.getValue())));
        }
        m.put("callId", call.callId());
        m.put("event", call.status() == null ? "live only (no end-of-call report yet)" : CallFields.eventFor(call.status()));
        m.put("fields", fields);
        List<Map<String, Object>> trace = trace(call.inCallTrace());
        m.put("trace", trace);
        m.put("hasTrace", !trace.isEmpty());
        m.put("flowId", call.callFlowId());
        Map<String, String> names = new LinkedHashMap<>();
        for (CallFlow f : flows.list(p.business())) names.put(f.id(), f.name());
        List<Map<String, Object>> ds = new ArrayList<>();
        for (String id : insights.deliveriesOfCall(p.business(), call.callId(), 20)) {
            ds.add(DeliveryPages.row(deliveries.get(p.business(), id), names));
        }
        m.put("deliveries", ds);
        m.put("noDeliveries", ds.isEmpty());
        p.render("call", m);
    }

    private List<Map<String, Object>> trace(String text) {
        if (text == null) return List.of();
        try {
            List<Map<String, Object>> entries = mapper.readValue(text, new TypeReference<List<Map<String, Object>>>() {});
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> e : entries) {
                Map<String, Object> r = new LinkedHashMap<>(e);
                r.put("number", ((Number) e.getOrDefault("step", 0)).intValue() + 1);
                String outcome = String.valueOf(e.get("outcome"));
                r.put("bad", outcome.equals("error") || outcome.equals("error_status") || outcome.equals("timed_out") || outcome.startsWith("dropped"));
                out.add(r);
            }
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    /** "webhook answered → forward forwarded" for the list. */
    private String traceSummary(String text) {
        List<Map<String, Object>> t = trace(text);
        if (t.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> e : t) {
            if (!b.isEmpty()) b.append(" → ");
            b.append(e.get("type")).append(' ').append(e.get("outcome"));
        }
        return b.toString();
    }
}
