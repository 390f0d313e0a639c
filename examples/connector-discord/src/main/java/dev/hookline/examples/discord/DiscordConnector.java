package dev.hookline.examples.discord;

import dev.hookline.plugins.CallEvent;
import dev.hookline.plugins.Connector;
import dev.hookline.plugins.Destination;
import dev.hookline.plugins.HttpResult;
import dev.hookline.plugins.Json;
import dev.hookline.plugins.OutgoingRequest;
import dev.hookline.plugins.Validation;
import dev.hookline.plugins.Verdict;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Discord incoming webhooks ({@code https://discord.com/api/webhooks/<id>/<token>}): a message
 * with one embed per call. Discord answers 204 when it posted; 429 with {@code Retry-After} when
 * over its rate limit; 401/403/404 when the webhook is gone or its token is wrong, and 400 when
 * it refuses the message: those will not get better, so they stop the delivery.
 */
@Extension
public final class DiscordConnector implements Connector {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    @Override
    public String id() {
        return "discord";
    }

    @Override
    public String name() {
        return "Discord webhook (example plugin)";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Validation validate(Destination destination) {
        String url = destination.url();
        if (url.startsWith("https://discord.com/api/webhooks/") || url.startsWith("https://discordapp.com/api/webhooks/")) {
            return Validation.ok();
        }
        return Validation.warning("Discord webhook URLs look like https://discord.com/api/webhooks/<id>/<token>");
    }

    @Override
    public OutgoingRequest build(CallEvent event, Destination destination) {
        return OutgoingRequest.postJson(destination.url(), Json.write(DiscordMessage.of(event)));
    }

    @Override
    public Verdict classify(HttpResult result) {
        int status = result.statusCode();
        if (status >= 200 && status < 300) return Verdict.success();
        String reason = "HTTP " + status + (result.body().isBlank() ? "" : " " + result.bodySnippet(200));
        if (status == 429) {
            Duration wait = result.retryAfter().orElse(DEFAULT_WAIT);
            return Verdict.retryAfter(wait, reason + " (rate limited: next attempt in " + wait.toSeconds() + "s or later)");
        }
        if (status == 400 || status == 401 || status == 403 || status == 404) return Verdict.permanent(reason + " (not retried)");
        return Verdict.retry(reason);
    }
}
