package dev.hookline.flows;

import dev.hookline.connectors.DestinationCheck;
import dev.hookline.model.CallFlow;
import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.http.JsonInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/call-flows}: CRUD over a business's call flows. */
public final class FlowRoutes {
    private final FlowService flows;
    private final FlowValidator validator;
    private final DestinationCheck destinations;
    private final Bodies bodies;
    private final FlowJson json;
    private final SecretSettings secrets;

    public FlowRoutes(FlowService flows, FlowValidator validator, DestinationCheck destinations, Bodies bodies,
                      SecretSettings secrets) {
        this.flows = flows;
        this.validator = validator;
        this.destinations = destinations;
        this.bodies = bodies;
        this.json = new FlowJson(secrets);
        this.secrets = secrets;
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
        JsonInput body = bodies.json(ctx);
        FlowInput in = validator.validate(body);
        List<String> warnings = warnings(body, in);
        CallFlow flow = flows.create(Auth.business(ctx), in);
        ctx.status(201).json(withWarnings(json.view(flow, true), warnings));
    }

    private void replace(Context ctx) {
        String business = Auth.business(ctx);
        String id = ctx.pathParam("id");
        CallFlow stored = flows.get(business, id); // 404 before 400 for a flow that does not exist
        JsonInput body = bodies.json(ctx);
        FlowInput in = validator.validate(body);
        // a secret setting sent back masked keeps the stored value
        in = new FlowInput(in.name(), in.trackingNumbers(), secrets.keepStored(stored.postCallWebhook(), in.postCallWebhook()), in.steps());
        List<String> warnings = warnings(body, in);
        CallFlow saved = flows.replace(business, id, in);
        ctx.json(withWarnings(json.view(saved, false, HeaderSecrets.given(in.postCallWebhook())), warnings));
    }

    /** The connector's warnings about the destination, then what the hub says about the connector itself. */
    private List<String> warnings(JsonInput body, FlowInput in) {
        List<String> out = new ArrayList<>(destinations.check(in.postCallWebhook()));
        out.addAll(validator.connectorNotes(body, in.postCallWebhook()));
        return out;
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
