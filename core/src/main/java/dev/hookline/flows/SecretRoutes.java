package dev.hookline.flows;

import dev.hookline.http.Auth;
import dev.hookline.time.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/v1/call-flows/{id}/post-call-webhook/rotate-secret}: a new signing secret, the old one valid 24 h more. */
public final class SecretRoutes {
    private final SigningKeys keys;

    public SecretRoutes(SigningKeys keys) {
        this.keys = keys;
    }

    public void register(RoutesConfig r) {
        r.post("/api/v1/call-flows/{id}/post-call-webhook/rotate-secret", this::rotate);
    }

    private void rotate(Context ctx) {
        SigningKeys.Rotation done = keys.rotate(Auth.business(ctx), ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signing_secret", done.signingSecret());
        out.put("previous_secret_expires_at", Times.iso(done.previousExpiresAt()));
        ctx.json(out);
    }
}
