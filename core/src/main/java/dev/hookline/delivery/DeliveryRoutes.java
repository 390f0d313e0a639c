package dev.hookline.delivery;

import dev.hookline.http.ApiException;
import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import dev.hookline.model.DeliveryStatus;

/** {@code /api/v1/webhook-deliveries} (the log, redeliver, recover) and the Test button of a flow. */
public final class DeliveryRoutes {
    private final DeliveryService deliveries;
    private final Redeliveries redeliveries;
    private final Bodies bodies;

    public DeliveryRoutes(DeliveryService deliveries, Redeliveries redeliveries, Bodies bodies) {
        this.deliveries = deliveries;
        this.redeliveries = redeliveries;
        this.bodies = bodies;
    }

    public void register(RoutesConfig r) {
        r.get("/api/v1/webhook-deliveries", this::list);
        r.get("/api/v1/webhook-deliveries/{id}", ctx -> ctx.json(deliveries.get(Auth.business(ctx), ctx.pathParam("id"))));
        r.post("/api/v1/webhook-deliveries/recover",
                ctx -> ctx.status(202).json(redeliveries.recover(Auth.business(ctx), bodies.json(ctx))));
        r.post("/api/v1/webhook-deliveries/{id}/redeliver",
                ctx -> ctx.status(202).json(redeliveries.redeliver(Auth.business(ctx), ctx.pathParam("id"))));
        r.post("/api/v1/call-flows/{id}/post-call-webhook/test", ctx -> ctx.json(deliveries.test(Auth.business(ctx), ctx.pathParam("id"))));
    }

    private void list(Context ctx) {
        String statusText = ctx.queryParam("status");
        DeliveryStatus status = statusText == null ? null : DeliveryStatus.fromWire(statusText);
        if (statusText != null && status == null) {
            throw ApiException.invalid("status", "status must be pending, succeeded, failed or skipped");
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
