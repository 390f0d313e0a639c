package dev.hookline.web;

import dev.hookline.auth.ApiKeys;
import dev.hookline.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every dashboard request goes through: security headers, the session (whose API key must
 * still be live), the CSRF token of a state-changing request, and errors rendered as pages (never
 * a stack trace). Also writes {@code Server-Timing} with the time the page took on the server.
 */
public final class Guard {
    private static final Logger log = LoggerFactory.getLogger(Guard.class);
    static final String FRAGMENT_HEADER = "X-Hookline-Fragment";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "csrf";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** A page handler of a signed-in user. */
    @FunctionalInterface
    public interface PageHandler {
        void handle(Page page) throws Exception;
    }

    private final Sessions sessions;
    private final ApiKeys keys;
    private final Views views;
    private final Function<String, String> businessNames;

    public Guard(Sessions sessions, ApiKeys keys, Views views, Function<String, String> businessNames) {
        this.sessions = sessions;
        this.keys = keys;
        this.views = views;
        this.businessNames = businessNames;
    }

    /** A page for signed-in users: others are sent to sign in (GET) or refused. */
    public Handler page(PageHandler h) {
        return ctx -> {
            long t0 = System.nanoTime();
            headers(ctx);
            try {
                Optional<Session> session = current(ctx);
                if (session.isEmpty()) {
                    refuseSignedOut(ctx);
                    return;
                }
                Session s = session.get();
                if (ctx.method() != HandlerType.GET && !csrfMatches(ctx, s)) {
                    error(ctx, s, 403, "Request refused", "This form did not carry this session's security token (it may come from another "
                            + "site or an old tab). Nothing was changed: reload the page and try again.");
                    return;
                }
                runHandled(ctx, s, h);
            } finally {
                timing(ctx, t0);
            }
        };
    }

    /** A page open to everyone (sign-in), with the same headers and error pages. */
    public Handler open(Handler h) {
        return ctx -> {
            long t0 = System.nanoTime();
            headers(ctx);
            try {
                h.handle(ctx);
            } catch (RuntimeException e) {
                fail(ctx, null, e);
            } finally {
                timing(ctx, t0);
            }
        };
    }

    /** The signed-in session of this request, if its API key is still live; a dead one is ended. */
    public Optional<Session> current(Context ctx) {
        Optional<Session> s = sessions.find(ctx.cookie(Sessions.COOKIE));
        if (s.isEmpty()) return s;
        Optional<String> business = keys.businessForHash(s.get().keyHash());
        if (business.isEmpty() || !business.get().equals(s.get().businessId())) {
            sessions.end(s.get().id());
            return Optional.empty();
        }
        return s;
    }

    private void runHandled(Context ctx, Session s, PageHandler h) {
        try {
            h.handle(new Page(ctx, s, views, businessNames.apply(s.businessId())));
        } catch (Exception e) {
            fail(ctx, s, e);
        }
    }

    private void fail(Context ctx, Session s, Exception e) {
        if (e instanceof ApiException a) {
            String title = a.status() == 404 ? "Not found" : a.status() == 422 ? "Cannot do that" : "Request refused";
            error(ctx, s, a.status(), title, a.getMessage());
        } else if (e instanceof HttpResponseException r) {
            error(ctx, s, r.getStatus(), "Request refused", r.getStatus() == 413 ? "The form is larger than the limit of 1 MiB." : r.getMessage());
        } else {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, s, 500, "Something went wrong", "An internal error occurred; it has been logged. Nothing you typed was lost: go back and try again.");
        }
    }

    private void refuseSignedOut(Context ctx) {
        if (ctx.method() == HandlerType.GET && !"1".equals(ctx.header(FRAGMENT_HEADER))) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        } else {
            error(ctx, null, 401, "Signed out", "You are not signed in (or your session ended). Sign in again; nothing was changed.");
        }
    }

    /** Renders an error page (or, for the page's script, the message alone). */
    void error(Context ctx, Session s, int status, String title, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("status", status);
        m.put("message", message);
        m.put("assetVersion", StaticAssets.VERSION);
        if (s != null) {
            m.put("signedIn", true);
            m.put("csrf", s.csrfToken());
            m.put("businessName", businessNames.apply(s.businessId()));
        }
        boolean fragment = "1".equals(ctx.header(FRAGMENT_HEADER));
        ctx.status(status).html(views.render(fragment ? "error-fragment" : "error", m));
    }

    private static boolean csrfMatches(Context ctx, Session s) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null) given = ctx.formParam(CSRF_FIELD);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), s.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    private static void timing(Context ctx, long t0) {
        if (!ctx.res().isCommitted()) {
            ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - t0) / 1e6));
        }
    }

    /** A local path to return to after signing in, or {@code /}: never another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 2000) return "/";
        for (char c : next.toCharArray()) {
            if (c < 0x21 || c == '\\') return "/";
        }
        return next;
    }
}
