package dev.hookline.web;

import dev.hookline.http.ApiException;
import dev.hookline.keys.KeyService;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /keys}: the business's API keys (prefix, created, last used), a new key shown once with
 * a copy button, and revoke; the same {@link KeyService} as {@code /api/v1/api-keys}, so the last
 * key is refused with its message.
 */
public final class KeyPages {
    private static final String NEW_KEY = "new-api-key";

    private final Guard guard;
    private final KeyService keys;

    public KeyPages(Guard guard, KeyService keys) {
        this.guard = guard;
        this.keys = keys;
    }

    public void register(RoutesConfig r) {
        r.get("/keys", guard.page(p -> list(p, null, "", 200)));
        r.post("/keys", guard.page(this::create));
        r.post("/keys/{id}/revoke", guard.page(this::revoke));
    }

    private void list(Page p, ApiException error, String typedName, int status) {
        Map<String, Object> m = p.model("API keys", "keys");
        @SuppressWarnings("unchecked") List<Map<String, Object>> rows = (List<Map<String, Object>>) keys.list(p.business()).get("data");
        m.put("keys", rows.stream().map(KeyPages::row).toList());
        m.put("onlyOne", rows.size() == 1);
        m.put("newKey", p.session().take(NEW_KEY));
        m.put("name", typedName);
        if (error != null && "name".equals(error.field())) m.put("nameError", error.getMessage());
        else if (error != null) m.put("keyError", error.getMessage());
        p.render(status, "keys", m);
    }

    private void create(Page p) {
        String name = FlowForm.one(p.ctx().formParamMap(), "name").strip();
        try {
            if (name.isEmpty()) throw ApiException.invalid("name", "name is required: say who or what uses the key");
            p.session().stash(NEW_KEY, keys.create(p.business(), name));
            p.flash("ok", "Created the API key \u201c" + name + "\u201d.");
            p.redirect("/keys");
        } catch (ApiException e) {
            list(p, e, name, e.status());
        }
    }

    private void revoke(Page p) {
        try {
            keys.revoke(p.business(), p.ctx().pathParam("id"));
            p.flash("ok", "Revoked the key: it no longer works.");
            p.redirect("/keys"); // a session signed in with that key is sent to sign in from here
        } catch (ApiException e) {
            if (e.status() == 404) throw e;
            list(p, e, "", e.status());
        }
    }

    private static Map<String, Object> row(Map<String, Object> k) {
        Map<String, Object> r = new LinkedHashMap<>(k);
        r.put("created", ViewModels.time((String) k.get("created_at")));
        r.put("lastUsed", k.get("last_used_at") == null ? "never" : ViewModels.time((String) k.get("last_used_at")));
        return r;
    }
}
