package dev.hookline.connectors;

import dev.hookline.model.CallFlow;
import dev.hookline.http.ApiException;
import dev.hookline.http.Auth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code GET /api/v1/connectors}: the installed connectors; and
 * {@code GET /api/v1/connectors/sheets/apps-script?call_flow_id=…}: the Apps Script for a flow's sheet.
 */
public final class ConnectorRoutes {
    private final ConnectorCatalog catalog;
    /** A business's flow by id (business, id); throws the API's 404 when there is none. */
    private final BiFunction<String, String, CallFlow> flows;
    private final AppsScript appsScript;

    public ConnectorRoutes(ConnectorCatalog catalog, BiFunction<String, String, CallFlow> flows, AppsScript appsScript) {
        this.catalog = catalog;
        this.flows = flows;
        this.appsScript = appsScript;
    }

    public void register(RoutesConfig r) {
        r.get("/api/v1/connectors", this::list);
        r.get("/api/v1/connectors/sheets/apps-script", this::appsScript);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> data = catalog.list().stream().map(ConnectorRoutes::view).toList();
        ctx.json(Map.of("data", data));
    }

    private void appsScript(Context ctx) {
        String flowId = ctx.queryParam("call_flow_id");
        if (flowId == null || flowId.isBlank()) throw ApiException.missing("call_flow_id");
        CallFlow flow = flows.apply(Auth.business(ctx), flowId.strip());
        ctx.contentType("text/plain; charset=utf-8").result(appsScript.render(flow));
    }

    private static Map<String, Object> view(ConnectorInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("plugin_id", c.pluginId());
        m.put("plugin_version", c.pluginVersion());
        return m;
    }
}
