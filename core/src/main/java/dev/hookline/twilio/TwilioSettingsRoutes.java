package dev.hookline.twilio;

import dev.hookline.http.Auth;
import dev.hookline.http.Bodies;
import dev.hookline.http.JsonInput;
import dev.hookline.time.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/settings/twilio} (bearer key): {@code PUT {"auth_token"}} sets the business's
 * Twilio auth token, which no answer ever shows again; {@code GET} says only whether one is set and
 * since when; {@code DELETE} removes it (Twilio requests for the business are then refused).
 */
final class TwilioSettingsRoutes {
    private final TwilioTokens tokens;
    private final Bodies bodies;

    TwilioSettingsRoutes(TwilioTokens tokens, Bodies bodies) {
        this.tokens = tokens;
        this.bodies = bodies;
    }

    void register(RoutesConfig r) {
        r.put("/api/v1/settings/twilio", this::put);
        r.get("/api/v1/settings/twilio", ctx -> ctx.json(view(tokens.updatedAt(Auth.business(ctx)))));
        r.delete("/api/v1/settings/twilio", ctx -> {
            tokens.delete(Auth.business(ctx));
            ctx.status(204);
        });
    }

    private void put(Context ctx) {
        JsonInput in = bodies.json(ctx);
        in.allowOnly(Set.of("auth_token"));
        long at = tokens.set(Auth.business(ctx), in.requiredString("auth_token"));
        ctx.json(view(Optional.of(at)));
    }

    private static Map<String, Object> view(Optional<Long> updatedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auth_token_set", updatedAt.isPresent());
        m.put("updated_at", updatedAt.map(Times::iso).orElse(null));
        return m;
    }
}
