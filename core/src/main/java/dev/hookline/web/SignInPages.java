package dev.hookline.web;

import dev.hookline.auth.ApiKeys;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /sign-in} (an API key in the form field {@code api_key} becomes a session cookie) and
 * {@code /sign-out}. The sign-in form is protected from cross-site posts by a token kept both in
 * a short-lived cookie and in the form (a session does not exist yet to hold it).
 */
public final class SignInPages {
    static final String SIGN_IN_COOKIE = "hookline_signin";

    private final Guard guard;
    private final Sessions sessions;
    private final ApiKeys keys;
    private final Views views;
    private final boolean secureCookies;

    public SignInPages(Guard guard, Sessions sessions, ApiKeys keys, Views views, boolean secureCookies) {
        this.guard = guard;
        this.sessions = sessions;
        this.keys = keys;
        this.views = views;
        this.secureCookies = secureCookies;
    }

    public void register(RoutesConfig r) {
        r.get("/sign-in", guard.open(this::form));
        r.post("/sign-in", guard.open(this::signIn));
        r.post("/sign-out", guard.page(this::signOut));
    }

    private void form(Context ctx) {
        String next = Guard.safeNext(ctx.queryParam("next"));
        if (guard.current(ctx).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        String message = ctx.queryParam("signed_out") != null ? "You are signed out." : null;
        show(ctx, 200, next, null, message);
    }

    private void signIn(Context ctx) {
        String next = Guard.safeNext(ctx.formParam("next"));
        String cookie = ctx.cookie(SIGN_IN_COOKIE);
        String field = ctx.formParam(Guard.CSRF_FIELD);
        if (cookie == null || field == null
                || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8))) {
            show(ctx, 403, next, "The sign-in form had expired or came from another site, so it was refused. "
                    + "Try again (your browser must accept cookies from this hub).", null);
            return;
        }
        String key = ctx.formParam("api_key");
        key = key == null ? "" : key.strip();
        if (key.isEmpty()) {
            show(ctx, 400, next, "Enter an API key.", null);
            return;
        }
        Optional<String> business = keys.businessFor(key);
        if (business.isEmpty()) {
            show(ctx, 401, next, "That API key is not valid. Use a key of your business (hk_…).", null);
            return;
        }
        sessions.end(ctx.cookie(Sessions.COOKIE)); // a session this browser had before does not live on beside the new one
        Session s = sessions.create(business.get(), ApiKeys.hashOf(key));
        setCookie(ctx, Sessions.COOKIE, s.id(), "/", "Lax", -1);
        setCookie(ctx, SIGN_IN_COOKIE, "", "/sign-in", "Strict", 0);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private void signOut(Page p) {
        sessions.end(p.session().id());
        setCookie(p.ctx(), Sessions.COOKIE, "", "/", "Lax", 0);
        p.redirect("/sign-in?signed_out=1");
    }

    private void show(Context ctx, int status, String next, String error, String message) {
        String token = Sessions.token();
        setCookie(ctx, SIGN_IN_COOKIE, token, "/sign-in", "Strict", 3600);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Sign in");
        m.put("csrf", token);
        m.put("next", next);
        m.put("error", error);
        m.put("message", message);
        m.put("assetVersion", StaticAssets.VERSION);
        ctx.status(status).html(views.render("sign-in", m));
    }

    /** Writes a cookie by hand: Javalin's cookie API cannot leave out Max-Age for a browser-session cookie. */
    private void setCookie(Context ctx, String name, String value, String path, String sameSite, int maxAge) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=").append(path).append("; HttpOnly; SameSite=")
                .append(sameSite);
        if (maxAge >= 0) c.append("; Max-Age=").append(maxAge);
        if (secureCookies) c.append("; Secure");
        ctx.res().addHeader("Set-Cookie", c.toString());
    }
}
