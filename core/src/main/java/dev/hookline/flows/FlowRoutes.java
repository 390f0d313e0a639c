package dev.hookline.flows;

import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/call-flows}: CRUD over a business's call flows. */
public final class FlowRoutes {
    private final FlowService flows;
    private final FlowSaves saves;
    private final Bodies bodies;
    private final FlowJson json;

    public FlowRoutes(FlowService flows, FlowSaves saves, Bodies bodies, FlowJson json) {
        this.flows = flows;
        this.saves = saves;
        this.bodies = bodies;
        this.json = json;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/call-flows", this::create);
        r.get("/api/v1/call-flows", this::list);
        r.get("/api/v1/call-flows/{id}", ctx -> ctx.json(json.view(flows.get(Auth.business(ctx), ctx.pathParam("id")), false)));
        r.put("/api/v1/call-flows/{id}", this::replace);
        r.delete("/api/v1/call-flows/{id}", ctx -> {
            flows.delete(Auth.business(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        FlowSaves.Saved s = saves.create(Auth.business(ctx), bodies.json(ctx));
        ctx.status(201).json(withWarnings(json.view(s.flow(), true), s.warnings()));
    }

    private void replace(Context ctx) {
        String business = Auth.business(ctx);
        String id = ctx.pathParam("id");
        flows.get(business, id); // 404 before 400 (or 413, 415) for a flow that does not exist
        FlowSaves.Saved s = saves.replace(business, id, bodies.json(ctx));
        ctx.json(withWarnings(json.view(s.flow(), false, s.shownHeaders()), s.warnings()));
    }

    /** The answer to a save carries the connector's warnings about the destination, in {@code post_call_webhook.warnings}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withWarnings(Map<String, Object> view, List<String> warnings) {
        ((Map<String, Object>) view.get("post_call_webhook")).put("warnings", warnings);
        return view;
    }

    private void list(Context ctx) {
        ctx.json(Map.of("data", flows.list(Auth.business(ctx)).stream().map(f -> json.view(f, false)).toList()));
    }
}
