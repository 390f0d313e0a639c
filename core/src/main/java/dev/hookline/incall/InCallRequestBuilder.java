package dev.hookline.incall;

import dev.hookline.flows.BodyTemplate;

import dev.hookline.model.Step;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the request of a webhook step for one call. Without a custom body the call's
 * {@code From}, {@code To} and {@code CallSid} go form-encoded ({@code application/x-www-form-urlencoded},
 * UTF-8 percent-encoding, so {@code +} becomes {@code %2B}): in the body, or for GET in the query
 * string, appended after any query the URL already has. A custom body is rendered from its
 * template: JSON ({@code application/json}) when it starts with {@code {}, else
 * {@code text/plain; charset=utf-8}. Bodies are UTF-8. Thread-safe.
 */
final class InCallRequestBuilder {
    static final String FORM = "application/x-www-form-urlencoded";

    private final TemplateCache templates;

    public InCallRequestBuilder(TemplateCache templates) {
        this.templates = templates;
    }

    public InCallRequest build(Step.Webhook step, LiveCall call) {
        String method = step.method() == null ? "POST" : step.method();
        if (method.equals("GET")) {
            return new InCallRequest(method, withQuery(step.url(), form(call)), null, null);
        }
        if (step.body() == null || step.body().isEmpty()) {
            return new InCallRequest(method, step.url(), FORM, form(call).getBytes(StandardCharsets.UTF_8));
        }
        BodyTemplate t = templates.get(step.body());
        String body = t.render(call.from(), call.to(), call.callSid());
        return new InCallRequest(method, step.url(), t.contentType(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code From=…&To=…&CallSid=…}, form-encoded. */
    static String form(LiveCall call) {
        return "From=" + encode(call.from()) + "&To=" + encode(call.to()) + "&CallSid=" + encode(call.callSid());
    }

    /** Appends {@code query} to {@code url}'s own query (if any); a fragment is dropped, it is never sent. */
    static String withQuery(String url, String query) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        int q = base.indexOf('?');
        if (q < 0) return base + "?" + query;
        if (base.endsWith("?") || base.endsWith("&")) return base + query;
        return base + "&" + query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
