package dev.hookline.http;

import dev.hookline.auth.ApiKeys;
import io.javalin.http.Context;

/** Bearer-key authentication for {@code /api/v1/*}: the key's business becomes the request's scope. */
public final class Auth {
    private static final String BUSINESS = "hookline.business";
    /** {@code HOOKLINE_ADMIN_KEY}'s routes: a business key never opens them, and they 404 while no admin key is set. */
    private static final String ADMIN_PATHS = "/api/v1/admin/";

    private final ApiKeys keys;

    public Auth(ApiKeys keys) {
        this.keys = keys;
    }

    /** The before-handler: 401 unless a known key is presented. Operator routes check their own key. */
    public void check(Context ctx) {
        if (ctx.path().startsWith(ADMIN_PATHS)) return;
        ctx.attribute(BUSINESS, businessFor(ctx.header("Authorization")));
    }

    /** The business whose key {@code authorization} (the header's value, may be null) presents; 401 otherwise. */
    public String businessFor(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "missing Authorization: Bearer <api key> header", null);
        }
        return keys.businessFor(authorization.substring(7).trim())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "the API key is not valid", null));
    }

    /** The business of the current request; set by {@link #check}. */
    public static String business(Context ctx) {
        String b = ctx.attribute(BUSINESS);
        if (b == null) throw new IllegalStateException("no business on an unauthenticated request");
        return b;
    }
}
