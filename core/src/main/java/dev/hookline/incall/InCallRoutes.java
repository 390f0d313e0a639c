package dev.hookline.incall;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.flows.CallFlow;
import dev.hookline.flows.FlowService;
import dev.hookline.http.ApiException;
import dev.hookline.http.Auth;
import dev.hookline.store.Database;
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
    private final Database db;
    private final ObjectMapper mapper;

    public InCallRoutes(InCallEngine engine, FlowService flows, Database db, ObjectMapper mapper) {
        this.engine = engine;
        this.flows = flows;
        this.db = db;
        this.mapper = mapper;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/voice/inbound", this::inbound);
    }

    private void inbound(Context ctx) {
        LiveCall call = InboundParser.parse(ctx, Auth.business(ctx), mapper);
        CallFlow flow = flowOf(call);
        ctx.future(() -> engine.run(call, flow).thenAccept(result -> ctx.json(result.view())));
    }

    private CallFlow flowOf(LiveCall call) {
        return db.read(h -> flows.flowIdForNumber(h, call.businessId(), call.to()).flatMap(id -> flows.find(h, call.businessId(), id)))
                .orElseThrow(() -> new ApiException(404, "not_found", "no call flow has tracking number " + call.to(), "To"));
    }
}
