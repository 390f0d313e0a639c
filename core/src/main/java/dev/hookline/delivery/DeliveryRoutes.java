package dev.hookline.delivery;

import dev.hookline.http.ApiException;
import dev.hookline.http.Auth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/** {@code /api/v1/webhook-deliveries} and the Test button of a flow. */
public final class DeliveryRoutes {
    private static final Set<String> STATUSES = Set.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.FAILED);

    private final DeliveryService deliveries;
    private final TestGate tests;

    public DeliveryRoutes(DeliveryService deliveries, TestGate tests) {
        this.deliveries = deliveries;
        this.tests = tests;
    }

    public void register(RoutesConfig r) {
        r.get("/api/v1/webhook-deliveries", this::list);
        r.get("/api/v1/webhook-deliveries/{id}", ctx -> ctx.json(deliveries.get(Auth.business(ctx), ctx.pathParam("id"))));
        r.post("/api/v1/webhook-deliveries/{id}/redeliver",
                ctx -> ctx.status(202).json(deliveries.redeliver(Auth.business(ctx), ctx.pathParam("id"))));
        r.post("/api/v1/call-flows/{id}/post-call-webhook/test", this::test);
    }

    /** The Test button, bounded per business ({@link TestGate}): beyond it 429 with {@code Retry-After}. */
    private void test(Context ctx) {
        String business = Auth.business(ctx);
        TestGate.Permit permit;
        try {
            permit = tests.enter(business);
        } catch (ApiException busy) {
            ctx.header("Retry-After", Long.toString(tests.retryAfterSeconds()));
            throw busy;
        }
        try (permit) {
            ctx.json(deliveries.test(business, ctx.pathParam("id")));
        }
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "status must be pending, succeeded or failed");
        }
        int limit = 20;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > DeliveryService.MAX_PAGE) {
                throw ApiException.invalid("limit", "limit must be a whole number from 1 to " + DeliveryService.MAX_PAGE);
            }
        }
        String cursor = ctx.queryParam("cursor");
        ctx.json(deliveries.page(Auth.business(ctx), blankToNull(ctx.queryParam("call_flow_id")), blankToNull(ctx.queryParam("call_id")),
                status, limit, blankToNull(cursor)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
