package dev.hookline.slack;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Json;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Validation;
import dev.hookline.plugins.Verdict;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Slack incoming webhooks: a Block Kit message per call (see {@link SlackMessage}), and Slack's
 * answers read as Slack means them: 200 {@code ok} is delivered; 429 waits for
 * {@code Retry-After}; 400/403/404/410 ({@code invalid_payload}, {@code action_prohibited},
 * {@code channel_not_found}, {@code no_service}, {@code channel_is_archived}) will never succeed,
 * so they stop the delivery; 5xx is retried. Stateless.
 */
@Extension
public final class SlackConnector implements Connector {
    public static final String ID = "slack";
    /** The wait after a 429 that names none (or names garbage). */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(30);
    /** A Retry-After longer than this is taken as this. */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Slack incoming webhook";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Validation validate(Destination destination) {
        if (isSlackWebhook(destination.url())) return Validation.ok();
        return Validation.warning("Slack incoming webhook URLs look like https://hooks.slack.com/services/T…/B…/…; "
                + destination.url() + " does not, so Slack may not be the receiver");
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        return OutgoingRequest.postJson(destination.url(), Json.write(SlackMessage.of(event)));
    }

    @Override
    public Verdict classify(HttpResult result) {
        int status = result.statusCode();
        if (status >= 200 && status < 300) return Verdict.success();
        String reason = result.reason();
        if (status == 429) return Verdict.rateLimited(result, DEFAULT_RATE_LIMIT_WAIT, LONGEST_WAIT);
        if (status == 400 || status == 403 || status == 404 || status == 410) {
            return Verdict.permanent(reason + " (Slack will not accept it later: not retried)");
        }
        return Verdict.retry(reason);
    }

    static boolean isSlackWebhook(String url) {
        try {
            URI u = new URI(url);
            return "https".equalsIgnoreCase(u.getScheme()) && "hooks.slack.com".equalsIgnoreCase(u.getHost())
                    && u.getPath() != null && u.getPath().startsWith("/services/") && u.getPath().length() > "/services/".length();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
