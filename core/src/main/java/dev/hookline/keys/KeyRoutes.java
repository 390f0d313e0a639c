package dev.hookline.keys;

import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.http.JsonInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/** {@code /api/v1/api-keys}: a business's own keys (create, list, revoke). */
public final class KeyRoutes {
    private final KeyService keys;
    private final Bodies bodies;

    public KeyRoutes(KeyService keys, Bodies bodies) {
        this.keys = keys;
        this.bodies = bodies;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/api-keys", this::create);
        r.get("/api/v1/api-keys", ctx -> ctx.json(keys.list(Auth.business(ctx))));
        r.delete("/api/v1/api-keys/{id}", ctx -> {
            keys.revoke(Auth.business(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        JsonInput in = bodies.json(ctx);
        in.allowOnly(Set.of("name"));
        ctx.status(201).json(keys.create(Auth.business(ctx), in.requiredString("name")));
    }
}
