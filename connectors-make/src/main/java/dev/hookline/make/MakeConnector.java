package dev.hookline.make;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Validation;
import dev.hookline.plugins.Verdict;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Make (formerly Integromat) custom webhooks. Make learns a webhook's data structure from the
 * first request it gets ("Re-determine data structure"), and a {@code null} teaches it nothing,
 * so the Test sample has every field filled. Every delivery carries all 38 keys. A protected hook
 * gets the flow setting {@code api_key} as {@code x-make-apikey}. Make answers 200
 * {@code Accepted}. Stateless.
 */
@Extension
public final class MakeConnector implements Connector {
    public static final String ID = "make";
    /** The flow setting holding the hook's API key, sent as {@value #API_KEY_HEADER}. */
    public static final String API_KEY_SETTING = "api_key";
    static final String API_KEY_HEADER = "x-make-apikey";
    static final Pattern HOOK_HOST = Pattern.compile("hook\\.(eu1|eu2|us1|us2)\\.make\\.com");
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Make (custom webhook)";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Validation validate(Destination destination) {
        if (isMakeHook(destination.url())) return Validation.ok();
        return Validation.warning("Make webhook URLs look like https://hook.<zone>.make.com/<token> (zones eu1, eu2, us1, us2); "
                + destination.url() + " does not, so Make may not be the receiver");
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        OutgoingRequest request = OutgoingRequest.postJson(destination.url(), event);
        String key = destination.setting(API_KEY_SETTING, null);
        return key == null ? request : request.withHeader(API_KEY_HEADER, key);
    }

    @Override
    public Verdict classify(HttpResult result) {
        int status = result.statusCode();
        if (status >= 200 && status < 300) return Verdict.success();
        String reason = result.reason();
        if (status == 429) return Verdict.rateLimited(result, null, LONGEST_WAIT);
        return Verdict.retry(reason);
    }

    /** The sample with every empty field filled with a typed example, so Make learns the whole structure. */
    @Override
    public CallEvent sample(CallEvent base) {
        CallEvent full = base.withNullsFrom(CallEvent.example());
        Map<String, Object> m = new LinkedHashMap<>(full.fields());
        m.replaceAll((k, v) -> v == null ? "example" : v);
        return new CallEvent(m);
    }

    static boolean isMakeHook(String url) {
        try {
            URI u = new URI(url);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null
                    && HOOK_HOST.matcher(u.getHost().toLowerCase(Locale.ROOT)).matches()
                    && u.getPath() != null && u.getPath().length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
