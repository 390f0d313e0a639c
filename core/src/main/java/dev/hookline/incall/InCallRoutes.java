package dev.hookline.incall;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.http.Auth;
import dev.hookline.metrics.InCallMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/voice/inbound}: the telephony side asks what to do with a live call. The
 * flow is the one of the authenticated business that has {@code To} among its tracking numbers.
 * The answer is written when the run completes; the server thread is not held while a
 * wait-for-response step waits. Thread-safe.
 */
final class InCallRoutes {
    private final InCallEngine engine;
    private final FlowService flows;
    private final ObjectMapper mapper;
    private final InCallMetrics metrics;

    InCallRoutes(InCallEngine engine, FlowService flows, ObjectMapper mapper, InCallMetrics metrics) {
        this.engine = engine;
        this.flows = flows;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    void register(RoutesConfig r) {
        r.post("/api/v1/voice/inbound", this::inbound);
    }

    private void inbound(Context ctx) {
        long start = System.nanoTime();
        LiveCall call = InboundParser.parse(ctx, Auth.business(ctx), mapper);
        // the call is live: the flow comes from the flow cache (emptied by every change), no query
        LiveFlow flow = flows.forCall(call.businessId(), null, call.to())
                .map(f -> new LiveFlow(f.id(), f.steps()))
                .orElseThrow(() -> new ApiException(404, "not_found", "no call flow has tracking number " + call.to(), "To"));
        ctx.future(() -> engine.run(call, flow).whenComplete((result, failure) -> metrics.answered(lastAction(result), System.nanoTime() - start))
                .thenAccept(result -> ctx.json(result.view())));
    }

    /** How the run ended ({@code forward}, {@code hangup}), or null when it failed. */
    private static String lastAction(InCallResult result) {
        if (result == null || result.actions().isEmpty()) return null;
        return result.actions().get(result.actions().size() - 1).action();
    }
}
