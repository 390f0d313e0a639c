package dev.hookline.plugins;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A post-call delivery target type: Slack, Zapier, a Google Sheet, or any service a plugin adds.
 * Implementations are stateless and thread-safe: one instance serves every delivery, from many
 * threads at once.
 *
 * <p>Life of one delivery attempt:
 * <ol>
 *   <li>the hub builds the {@link CallEvent} (for the Test button: {@link #sample} of it);</li>
 *   <li>{@link #build} turns it and the flow's {@link Destination} into an {@link OutgoingRequest};</li>
 *   <li>the hub signs it (Standard Webhooks headers), adds {@code User-Agent} and sends it with the
 *       configured time-out;</li>
 *   <li>a 3xx answer goes to {@link #onRedirect}: refused (the default) or fetched with GET;</li>
 *   <li>{@link #classify} says what the final answer means: success, retry (at the hub's next
 *       delay, or no sooner than a given wait), or a permanent failure.</li>
 * </ol>
 * Retries, their schedule, signing, storage and the attempt log stay in the hub; a connector only
 * shapes requests and reads answers. It must not block, do I/O or keep state. A connector whose
 * service needs more than one request per attempt also implements {@link DirectDelivery} and
 * performs its attempts itself through the hub's {@link HttpPort}.
 *
 * <p>A plugin provides a connector as a PF4J extension:
 * <pre>{@code
 * @Extension
 * public final class DiscordConnector implements Connector {
 *     public String id() { return "discord"; }
 *     public String name() { return "Discord webhook"; }
 *     public int apiVersion() { return API_VERSION; }   // compiled in: the version this was built against
 *     public OutgoingRequest build(CallEvent event, Destination to) { ... }
 * }
 * }</pre>
 *
 * <p>Versioning: {@link #API_VERSION} changes only on an incompatible change of this package;
 * additions (new default methods, new helpers on the records) keep it. The hub skips, with a log
 * line, a connector whose {@link #apiVersion} differs from its own.
 */
public interface Connector extends ExtensionPoint {

    /** The version of this API; bumped on incompatible change. A connector reports the one it was built for. */
    int API_VERSION = 1;

    /**
     * The id flows name in {@code post_call_webhook.connector}: lower-case letters, digits, {@code -}
     * or {@code _}, starting with a letter, at most 40 characters, e.g. {@code slack}. Unique
     * across the hub: a second connector with a taken id is skipped.
     */
    String id();

    /** A human name, e.g. {@code Slack incoming webhook}. */
    String name();

    /**
     * The API version this connector was compiled against; the hub refuses ones it does not speak.
     * Override it with {@code return API_VERSION;}: the constant is then compiled into the plugin,
     * so the value really is the version it was built for (the default reports the hub's own).
     */
    default int apiVersion() {
        return API_VERSION;
    }

    /**
     * Checks a destination when a flow is saved. Errors refuse the flow (400 on
     * {@code post_call_webhook.url}, or on {@code post_call_webhook.settings.<name>} for a
     * {@link Validation#settingError}); warnings are returned in the flow's answer as
     * {@code post_call_webhook.warnings}. The URL has already passed the hub's own checks
     * (absolute http(s), not internal unless private targets are allowed).
     */
    default Validation validate(Destination destination) {
        return Validation.ok();
    }

    /**
     * Builds the HTTP request for one attempt. Called once per attempt with that attempt's event
     * ({@code attempt}, {@code webhook_sent_at} set), so the body may differ between attempts.
     * Must not block or do I/O.
     */
    OutgoingRequest build(CallEvent event, Destination destination);

    /** What an HTTP answer means. The default: 2xx succeeds, anything else is retried. */
    default Verdict classify(HttpResult result) {
        return Verdict.byStatus(result.statusCode());
    }

    /**
     * What to do with a 3xx answer; {@code location} is its {@code Location} header made absolute
     * against the request's URL. Asked again at each hop of a followed chain. The default follows
     * nothing, so the attempt fails with "redirect to … not followed".
     */
    default Redirect onRedirect(int statusCode, String location) {
        return Redirect.refuse();
    }

    /**
     * The names of the settings that hold credentials (a key, a token, a service account's JSON).
     * The hub stores them like the flow's signing secret and never shows them again: answers carry
     * them masked ({@code …wxyz}), and a flow saved back with the masked value keeps the stored one.
     * Connectors must not put them in a verdict's reason or an answer body either.
     */
    default Set<String> secretSettings() {
        return Set.of();
    }

    /**
     * The event the Test button sends, given the hub's sample (the flow's latest call, or a
     * synthetic one). Services that learn their fields from a sample (Zapier, Make) fill every
     * {@code null} here so nothing is learnt as empty, e.g. {@code base.withNullsFrom(CallEvent.example())}.
     */
    default CallEvent sample(CallEvent base) {
        return base;
    }
}
