package dev.hookline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.connectors.ConnectorCatalog;
import dev.hookline.delivery.DeliveryService;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowJson;
import dev.hookline.flows.FlowSaves;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.http.JsonInput;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Call flows: the list, the editor (create and save through the API's validator, destination
 * check and service), the Test button, and delete with a confirmation page.
 */
public final class FlowPages {
    /** The collaborators, all shared with the API. */
    public record Parts(FlowService flows, FlowSaves saves, FlowJson json, DeliveryService deliveries, ConnectorCatalog connectors,
                        Insights insights, ObjectMapper mapper, Duration aiWait) {}

    private final Guard guard;
    private final Parts x;

    public FlowPages(Guard guard, Parts parts) {
        this.guard = guard;
        this.x = parts;
    }

    public void register(RoutesConfig r) {
        r.get("/flows", guard.page(this::list));
        r.get("/flows/new", guard.page(p -> editor(p, null, FlowForm.empty(), null, null, 200)));
        r.post("/flows", guard.page(p -> save(p, null)));
        r.get("/flows/{id}", guard.page(this::show));
        r.post("/flows/{id}", guard.page(p -> save(p, p.ctx().pathParam("id"))));
        r.post("/flows/{id}/test", guard.page(this::test));
        r.get("/flows/{id}/delete", guard.page(this::confirmDelete));
        r.post("/flows/{id}/delete", guard.page(this::delete));
    }

    private void list(Page p) {
        List<CallFlow> flows = x.flows().list(p.business());
        Insights.Activity activity = x.insights().activity(p.business());
        Map<String, Object> m = p.model("Call flows", "flows");
        m.put("flows", flows.stream().map(f -> {
            Map<String, Object> row = ViewModels.flowSummary(f);
            row.putAll(ViewModels.totals(activity.last(f.id(), 24)));
            return row;
        }).toList());
        m.put("empty", flows.isEmpty());
        p.render("flows", m);
    }

    private void show(Page p) {
        CallFlow flow = x.flows().get(p.business(), p.ctx().pathParam("id"));
        editor(p, flow, FlowForm.of(flow, x.json()), null, null, 200);
    }

    /** Saves the form, or applies a steps-editor button and shows the form again unsaved. */
    private void save(Page p, String flowId) {
        CallFlow existing = flowId == null ? null : x.flows().get(p.business(), flowId); // 404 before 400, as the API
        FlowForm form = FlowForm.fromParams(p.ctx().formParamMap());
        String note = form.apply(p.ctx().formParam("op"));
        if (note != null) {
            editor(p, existing, form, null, note + " Not saved yet: press Save to keep the change.", 200);
            return;
        }
        try {
            JsonInput body = JsonInput.of(form.toJson(x.mapper(), x.saves()::connectorFor), "");
            FlowSaves.Saved saved = existing == null ? x.saves().create(p.business(), body) : x.saves().replace(p.business(), flowId, body);
            String id = saved.flow().id();
            if (existing == null) {
                p.session().stash("secret:" + id, saved.flow().signingSecret());
                p.flash("ok", "Created the call flow \u201c" + saved.flow().name() + "\u201d.");
            } else {
                p.flash("ok", "Saved.");
            }
            p.session().stash("warnings:" + id, saved.warnings()); // shown beside the URL, with the connector chosen for it
            p.redirect("/flows/" + id);
        } catch (ApiException e) {
            if (e.status() == 404) throw e;
            editor(p, existing, form, e, null, e.status());
        }
    }

    private void editor(Page p, CallFlow flow, FlowForm form, ApiException error, String notice, int status) {
        Map<String, Object> m = p.model(flow == null ? "New call flow" : flow.name(), "flows");
        m.put("isNew", flow == null);
        m.put("action", flow == null ? "/flows" : "/flows/" + flow.id());
        m.put("notice", notice);
        List<String> warnings = List.of();
        if (flow != null) {
            m.put("flow", ViewModels.flowSummary(flow));
            m.put("newSecret", p.session().take("secret:" + flow.id()));
            m.put("secretMasked", mask(flow.signingSecret()));
            m.put("testResult", p.session().take("test:" + flow.id()));
            m.put("charts", ViewModels.charts(x.insights().activity(p.business(), flow.id()), flow.id()));
            List<String> fromSave = p.session().take("warnings:" + flow.id());
            if (fromSave != null) warnings = fromSave;
            else if (error == null && notice == null) warnings = x.saves().warnings(flow);
        }
        FlowEditorView.model(m, form, x.connectors().list(), error, warnings, x.aiWait(), x.saves());
        p.render(status, "flow", m);
    }

    /** The Test button: one attempt now; the result goes in place (script) or on the flow's page. */
    private void test(Page p) {
        String id = p.ctx().pathParam("id");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("flowId", id);
        try {
            Map<String, Object> r = x.deliveries().test(p.business(), id);
            Object code = r.get("status_code");
            result.put("statusCode", code == null ? "no answer" : code);
            result.put("ok", code instanceof Integer c && c >= 200 && c < 300);
            result.put("durationMs", r.get("duration_ms"));
            result.put("error", r.get("error"));
            result.put("responseBody", r.get("response_body"));
            result.put("emptyBody", r.get("response_body") == null || r.get("response_body").toString().isEmpty());
            result.put("payload", pretty(r.get("payload")));
            result.put("deliveryId", r.get("delivery_id"));
            result.put("filtersIgnored", Boolean.TRUE.equals(r.get("filters_ignored")));
            result.put("wouldSkip", r.get("would_skip"));
        } catch (ApiException e) {
            if (e.status() == 404) throw e;
            result.put("refused", e.getMessage());
        }
        if (p.wantsFragment()) {
            p.fragment("test-result", new LinkedHashMap<>(Map.of("testResult", result)));
        } else {
            p.session().stash("test:" + id, result);
            p.redirect("/flows/" + id + "#test-result");
        }
    }

    private void confirmDelete(Page p) {
        CallFlow flow = x.flows().get(p.business(), p.ctx().pathParam("id"));
        Map<String, Object> m = p.model("Delete " + flow.name(), "flows");
        m.put("flow", ViewModels.flowSummary(flow));
        p.render("flow-delete", m);
    }

    private void delete(Page p) {
        CallFlow flow = x.flows().get(p.business(), p.ctx().pathParam("id"));
        x.flows().delete(p.business(), flow.id());
        p.flash("ok", "Deleted the call flow \u201c" + flow.name() + "\u201d.");
        p.redirect("/flows");
    }

    private String pretty(Object payload) {
        try {
            return x.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return String.valueOf(payload);
        }
    }

    static String mask(String secret) {
        return secret.length() < 12 ? "…" : secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
    }
}
