package dev.hookline.flows;

import dev.hookline.model.CallFlow;
import dev.hookline.model.PostCallWebhook;
import dev.hookline.model.Step;
import dev.hookline.time.Times;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The API view of a flow; connector settings that are secrets are shown masked. Thread-safe. */
public final class FlowJson {
    private final SecretSettings secrets;

    public FlowJson(SecretSettings secrets) {
        this.secrets = secrets;
    }

    /** The API view; {@code showSecret} only in the 201 answer to a create (the secret and every header in full). */
    public Map<String, Object> view(CallFlow f, boolean showSecret) {
        return view(f, showSecret, showSecret ? f.postCallWebhook().options().headers().keySet() : Set.of());
    }

    /** The API view with the headers named in {@code shownHeaders} in full (those the answered save set), the others masked. */
    public Map<String, Object> view(CallFlow f, boolean showSecret, Set<String> shownHeaders) {
        Map<String, Object> hook = new LinkedHashMap<>();
        PostCallWebhook w = f.postCallWebhook();
        hook.put("enabled", w.enabled());
        hook.put("url", w.url());
        hook.put("firing_mode", w.firingMode().wire());
        hook.put("connector", w.connector());
        if (!w.settings().isEmpty()) hook.put("settings", shownSettings(w));
        hook.put("headers", HeaderSecrets.view(w.options().headers(), shownHeaders));
        hook.put("events", w.options().effectiveEvents());
        hook.put("filter", w.options().filter().view());
        hook.put("signing_secret", showSecret ? f.signingSecret() : mask(f.signingSecret()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("business_id", f.businessId());
        out.put("name", f.name());
        out.put("tracking_numbers", f.trackingNumbers());
        out.put("post_call_webhook", hook);
        out.put("steps", Step.views(f.steps()));
        out.put("created_at", Times.iso(f.createdAt()));
        out.put("updated_at", Times.iso(f.updatedAt()));
        return out;
    }

    /** A webhook's settings as answers show them: the secret ones masked. */
    public Map<String, String> shownSettings(PostCallWebhook w) {
        return secrets.masked(w.connector(), w.settings());
    }

    /** A webhook's headers as every answer but the one that set them shows them: each value masked. */
    public static Map<String, String> maskedHeaders(PostCallWebhook w) {
        return HeaderSecrets.view(w.options().headers(), Set.of());
    }

    static String mask(String secret) {
        return secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
    }
}
