package dev.hookline.web;

import dev.hookline.delivery.DeliveryService;
import dev.hookline.delivery.Redeliveries;
import dev.hookline.model.DeliveryStatus;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import io.javalin.config.RoutesConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The delivery log with its filters, one delivery with its attempts, and the Redeliver button. */
public final class DeliveryPages {
    static final int PAGE = 50;
    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed", "skipped");

    private final Guard guard;
    private final DeliveryService deliveries;
    private final Redeliveries redeliveries;
    private final FlowService flows;

    public DeliveryPages(Guard guard, DeliveryService deliveries, Redeliveries redeliveries, FlowService flows) {
        this.guard = guard;
        this.deliveries = deliveries;
        this.redeliveries = redeliveries;
        this.flows = flows;
    }

    public void register(RoutesConfig r) {
        r.get("/deliveries", guard.page(this::list));
        r.get("/deliveries/{id}", guard.page(this::show));
        r.post("/deliveries/{id}/redeliver", guard.page(this::redeliver));
    }

    private void list(Page p) {
        Map<String, Object> m = p.model("Deliveries", "deliveries");
        String flow = blank(p.ctx().queryParam("flow"));
        String status = blank(p.ctx().queryParam("status"));
        String callId = blank(p.ctx().queryParam("call_id"));
        String from = blank(p.ctx().queryParam("from"));
        String to = blank(p.ctx().queryParam("to"));
        String cursor = blank(p.ctx().queryParam("cursor"));
        if (status != null && !STATUSES.contains(status)) {
            m.put("statusError", "Status must be pending, succeeded, failed or skipped.");
            status = null;
        }
        Long since = parseTime(from, m, "fromError");
        Long until = parseTime(to, m, "toError");
        if (cursor == null && until != null) cursor = DeliveryService.cursorBefore(until);
        Map<String, Object> page;
        try {
            page = deliveries.page(p.business(), flow, callId, DeliveryStatus.fromWire(status), PAGE, cursor);
        } catch (ApiException e) {
            m.put("pageError", "That page link is not valid any more; showing the newest deliveries.");
            page = deliveries.page(p.business(), flow, callId, DeliveryStatus.fromWire(status), PAGE, null);
        }
        Map<String, String> names = flowNames(p.business());
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean cut = false;
        for (Object o : (List<?>) page.get("data")) {
            @SuppressWarnings("unchecked") Map<String, Object> d = (Map<String, Object>) o;
            if (since != null && java.time.Instant.parse((String) d.get("created_at")).toEpochMilli() < since) {
                cut = true; // newest first: everything after this is older still
                break;
            }
            rows.add(row(d, names));
        }
        m.put("rows", rows);
        m.put("empty", rows.isEmpty());
        String next = cut ? null : (String) page.get("next_cursor");
        if (next != null) m.put("nextLink", "/deliveries?" + query(flow, status, callId, from, to) + "&cursor=" + enc(next));
        if (cursor != null) m.put("firstLink", "/deliveries?" + query(flow, status, callId, from, to));
        m.put("flowOptions", names.entrySet().stream().map(e -> Map.of("id", e.getKey(), "name", e.getValue(), "selected", e.getKey().equals(flow)))
                .toList());
        String chosen = status;
        m.put("statusOptions", List.of("pending", "succeeded", "failed", "skipped").stream().map(s -> Map.of("s", s, "selected", s.equals(chosen))).toList());
        m.put("callId", callId);
        m.put("from", from);
        m.put("to", to);
        m.put("filtered", flow != null || status != null || callId != null || from != null || to != null);
        p.render("deliveries", m);
    }

    static Map<String, Object> row(Map<String, Object> d, Map<String, String> names) {
        Map<String, Object> r = new LinkedHashMap<>(d);
        String status = (String) d.get("status");
        r.put("badge", ViewModels.badge(status));
        r.put("isFailed", "failed".equals(status));
        r.put("isSkipped", "skipped".equals(status));
        r.put("created", ViewModels.time((String) d.get("created_at")));
        r.put("flowName", names.getOrDefault((String) d.get("call_flow_id"), "(deleted flow)"));
        r.put("host", ViewModels.host((String) d.get("url")));
        return r;
    }

    private void show(Page p) {
        Map<String, Object> d = deliveries.get(p.business(), p.ctx().pathParam("id"));
        Map<String, Object> m = p.model("Delivery", "deliveries");
        Map<String, Object> v = row(d, flowNames(p.business()));
        v.put("next", ViewModels.time((String) d.get("next_attempt_at")));
        v.put("completed", ViewModels.time((String) d.get("completed_at")));
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (Object o : (List<?>) d.get("attempts")) {
            @SuppressWarnings("unchecked") Map<String, Object> a = new LinkedHashMap<>((Map<String, Object>) o);
            Object code = a.get("status_code");
            a.put("ok", code instanceof Integer c && c >= 200 && c < 300);
            a.put("sent", ViewModels.time((String) a.get("sent_at")));
            a.put("hasBody", a.get("response_body") != null && !a.get("response_body").toString().isEmpty());
            attempts.add(a);
        }
        m.put("d", v);
        m.put("attempts", attempts);
        m.put("noAttempts", attempts.isEmpty());
        m.put("canRedeliver", !Boolean.TRUE.equals(d.get("test")));
        p.render("delivery", m);
    }

    private void redeliver(Page p) {
        Map<String, Object> d = redeliveries.redeliver(p.business(), p.ctx().pathParam("id"));
        p.flash("ok", "Redelivery queued: a new delivery of the same call to the flow's current URL.");
        p.redirect("/deliveries/" + d.get("delivery_id"));
    }

    private Map<String, String> flowNames(String business) {
        Map<String, String> names = new LinkedHashMap<>();
        for (CallFlow f : flows.list(business)) names.put(f.id(), f.name());
        return names;
    }

    /** A {@code datetime-local} value read as UTC, or null (with an error for the page) when it is not one. */
    private static Long parseTime(String value, Map<String, Object> m, String errorKey) {
        if (value == null) return null;
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            m.put(errorKey, "Use a date and time such as 2026-05-01T14:30 (UTC).");
            return null;
        }
    }

    private static String query(String flow, String status, String callId, String from, String to) {
        Map<String, String> q = new HashMap<>();
        StringBuilder b = new StringBuilder();
        for (String[] kv : new String[][] {{"flow", flow}, {"status", status}, {"call_id", callId}, {"from", from}, {"to", to}}) {
            if (kv[1] != null && q.putIfAbsent(kv[0], kv[1]) == null) b.append(b.isEmpty() ? "" : "&").append(kv[0]).append('=').append(enc(kv[1]));
        }
        return b.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
