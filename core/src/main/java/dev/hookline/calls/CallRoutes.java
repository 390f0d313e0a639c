package dev.hookline.calls;

import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.plugins.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/calls}: what the telephony side reports. */
public final class CallRoutes {
    private final CallService calls;
    private final CallJson json;
    private final Bodies bodies;

    public CallRoutes(CallService calls, CallJson json, Bodies bodies) {
        this.calls = calls;
        this.json = json;
        this.bodies = bodies;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/calls", this::report);
        r.get("/api/v1/calls/{id}", ctx -> ctx.json(json.view(calls.get(Auth.business(ctx), ctx.pathParam("id")))));
        r.post("/api/v1/calls/{id}/analysis", ctx -> {
            Map<String, Object> results = CallParser.analysis(bodies.flat(ctx));
            ctx.json(json.view(calls.analysis(Auth.business(ctx), ctx.pathParam("id"), results)));
        });
    }

    private void report(Context ctx) {
        CallReport report = CallParser.report(bodies.flat(ctx));
        CallService.Ingested result = calls.ingest(Auth.business(ctx), report);
        if (!result.created()) {
            bodies.answer(ctx, 200, json.view(result.call()));
            return;
        }
        // strings, a boolean and nulls: the payload's writer, no ObjectMapper round per call
        Map<String, Object> out = new LinkedHashMap<>(8);
        out.put("call_id", result.call().callId());
        out.put("call_flow_id", result.call().callFlowId());
        out.put("delivery_id", result.deliveryId());
        out.put("skipped", result.skipped());
        bodies.answer(ctx, 201, Json.writeUtf8(out));
    }
}
