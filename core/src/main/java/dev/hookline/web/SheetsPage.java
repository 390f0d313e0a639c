package dev.hookline.web;

import dev.hookline.connectors.AppsScript;
import dev.hookline.model.CallFlow;
import dev.hookline.flows.FlowService;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code /flows/{id}/sheets}: the Apps Script for a flow's Google Sheet, with a copy button and the deployment steps. */
public final class SheetsPage {
    private final Guard guard;
    private final FlowService flows;
    private final AppsScript appsScript;

    public SheetsPage(Guard guard, FlowService flows, AppsScript appsScript) {
        this.guard = guard;
        this.flows = flows;
        this.appsScript = appsScript;
    }

    public void register(RoutesConfig r) {
        r.get("/flows/{id}/sheets", guard.page(this::show));
    }

    private void show(Page p) {
        CallFlow flow = flows.get(p.business(), p.ctx().pathParam("id"));
        Map<String, Object> m = p.model("Google Sheets script", "flows");
        m.put("flow", ViewModels.flowSummary(flow));
        m.put("script", appsScript.render(flow));
        m.put("sheetName", flow.postCallWebhook().settings().getOrDefault(AppsScript.SHEET_SETTING, "Calls"));
        p.render("sheets", m);
    }
}
