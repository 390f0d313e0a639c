package dev.hookline.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dashboard request of a signed-in user: the request, its session, and the common parts of
 * every page's model (navigation, CSRF token, messages). Not thread-safe; one per request.
 */
public final class Page {
    private final Context ctx;
    private final Session session;
    private final Views views;
    private final String businessName;

    Page(Context ctx, Session session, Views views, String businessName) {
        this.ctx = ctx;
        this.session = session;
        this.views = views;
        this.businessName = businessName;
    }

    public Context ctx() {
        return ctx;
    }

    public Session session() {
        return session;
    }

    public String business() {
        return session.businessId();
    }

    /** A model with the layout's keys filled: title, active section, CSRF token, messages. */
    public Map<String, Object> model(String title, String section) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("csrf", session.csrfToken());
        m.put("businessName", businessName);
        m.put("signedIn", true);
        m.put("nav_" + section, true);
        List<Session.Flash> flashes = session.takeFlashes();
        m.put("flashes", flashes.stream().map(f -> Map.of("kind", f.kind(), "text", f.text())).toList());
        m.put("assetVersion", StaticAssets.VERSION);
        return m;
    }

    /** Renders a full page with status 200. */
    public void render(String template, Map<String, Object> model) {
        render(200, template, model);
    }

    public void render(int status, String template, Map<String, Object> model) {
        ctx.status(status).html(views.render(template, model));
    }

    /** A fragment for an in-place update by the page's script (no layout). */
    public void fragment(String template, Map<String, Object> model) {
        model.putIfAbsent("csrf", session.csrfToken());
        ctx.html(views.render(template, model));
    }

    /** True when the page's script asked for a fragment to put in place. */
    public boolean wantsFragment() {
        return "1".equals(ctx.header(Guard.FRAGMENT_HEADER));
    }

    /** Post/redirect/get: 303 to a local path. */
    public void redirect(String path) {
        ctx.redirect(path, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    public void flash(String kind, String text) {
        session.flash(kind, text);
    }
}
