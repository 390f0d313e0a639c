package dev.hookline.calls;

import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.http.DirectRoute;
import dev.hookline.http.FlatInput;
import dev.hookline.plugins.Json;
import dev.hookline.store.Writes;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
        r.post("/api/v1/calls", ctx -> { // most reports come through the App's DirectRoute; this is the rest (chunked, trailing slash)
            DirectRoute.Answer a = Writes.await(report(Auth.business(ctx), bodies.flat(ctx)));
            bodies.answer(ctx, a.status(), a.json());
        });
        r.get("/api/v1/calls/{id}", ctx -> ctx.json(json.view(calls.get(Auth.business(ctx), ctx.pathParam("id")))));
        r.post("/api/v1/calls/{id}/analysis", ctx -> {
            Map<String, Object> results = CallParser.analysis(bodies.flat(ctx));
            ctx.json(json.view(calls.analysis(Auth.business(ctx), ctx.pathParam("id"), results)));
        });
    }

    /** {@code POST /api/v1/calls} once the key and the content type are checked: {@link DirectRoute}'s action. */
    public CompletableFuture<DirectRoute.Answer> report(String business, byte[] body) {
        return report(business, bodies.flat(body));
    }

    private CompletableFuture<DirectRoute.Answer> report(String business, FlatInput body) {
        return calls.ingest(business, CallParser.report(body)).thenApply(this::answer);
    }

    /** On the store's writer thread, once the call is committed. */
    private DirectRoute.Answer answer(CallService.Ingested result) {
        if (!result.created()) return new DirectRoute.Answer(200, bodies.write(json.view(result.call())));
        // strings, a boolean and nulls: the payload's writer, no ObjectMapper round per call
        Map<String, Object> out = new LinkedHashMap<>(8);
        out.put("call_id", result.call().callId());
        out.put("call_flow_id", result.call().callFlowId());
        out.put("delivery_id", result.deliveryId());
        out.put("skipped", result.skipped());
        return new DirectRoute.Answer(201, Json.writeUtf8(out));
    }
}
