package dev.hookline.keys;

import dev.hookline.http.ApiException;
import dev.hookline.http.Bodies;
import dev.hookline.http.JsonInput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * {@code /api/v1/admin/*}: the operator's routes, behind {@code HOOKLINE_ADMIN_KEY}. They exist
 * only when that key is set (404 otherwise, as for any unknown path); business keys do not open
 * them. The presented key is compared by its SHA-256 digest in constant time.
 */
public final class AdminRoutes {
    public static final String PREFIX = "/api/v1/admin/";

    private final byte[] adminDigest;
    private final KeyService keys;
    private final Bodies bodies;

    public AdminRoutes(String adminKey, KeyService keys, Bodies bodies) {
        this.adminDigest = digest(adminKey);
        this.keys = keys;
        this.bodies = bodies;
    }

    public void register(RoutesConfig r) {
        r.before(PREFIX + "*", this::check);
        r.post(PREFIX + "businesses", this::createBusiness);
    }

    private void check(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(adminDigest, digest(presented))) {
            throw new ApiException(401, "unauthorized", "admin routes need Authorization: Bearer <HOOKLINE_ADMIN_KEY>", null);
        }
    }

    private void createBusiness(Context ctx) {
        JsonInput in = bodies.json(ctx);
        in.allowOnly(Set.of("name"));
        ctx.status(201).json(keys.createBusiness(in.requiredString("name")));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
