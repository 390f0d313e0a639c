package dev.hookline.zapier;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Json;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Redirect;
import dev.hookline.plugins.Validation;
import dev.hookline.plugins.Verdict;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Webhooks by Zapier, Catch Hook. The body is flat (see {@link FlatBody}) so each call field is
 * one Zap field; the Test sample has every field filled so "Test trigger" learns them all. Zapier
 * answers 200 as soon as it has queued the request (even when the Zap is off), follows no
 * redirects, and answers 429 when over its rate limit: that is retried, after Retry-After when
 * given. Stateless.
 */
@Extension
public final class ZapierConnector implements Connector {
    public static final String ID = "zapier";
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Zapier (Webhooks by Zapier, Catch Hook)";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Validation validate(Destination destination) {
        if (isCatchHook(destination.url())) return Validation.ok();
        return Validation.warning("Zapier Catch Hook URLs look like https://hooks.zapier.com/hooks/catch/<user>/<key>/; "
                + destination.url() + " does not, so Zapier may not be the receiver");
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        return OutgoingRequest.postJson(destination.url(), Json.write(FlatBody.of(event)));
    }

    @Override
    public Verdict classify(HttpResult result) {
        int status = result.statusCode();
        if (status >= 200 && status < 300) return Verdict.success();
        String reason = result.reason();
        if (status == 429) return Verdict.rateLimited(result, null, LONGEST_WAIT);
        return Verdict.retry(reason);
    }

    /** Zapier follows no redirects, and neither does this connector. */
    @Override
    public Redirect onRedirect(int statusCode, String location) {
        return Redirect.refuse();
    }

    /** The sample with every empty field filled with a typed example, so the Zap learns every field. */
    @Override
    public CallEvent sample(CallEvent base) {
        CallEvent full = base.withNullsFrom(CallEvent.example());
        Map<String, Object> m = new LinkedHashMap<>(full.fields());
        m.replaceAll((k, v) -> v == null ? "example" : v);
        return new CallEvent(m);
    }

    static boolean isCatchHook(String url) {
        try {
            URI u = new URI(url);
            return "https".equalsIgnoreCase(u.getScheme()) && "hooks.zapier.com".equalsIgnoreCase(u.getHost())
                    && u.getPath() != null && u.getPath().startsWith("/hooks/catch/");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
