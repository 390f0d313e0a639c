package dev.hookline.plugins;

import org.pf4j.ExtensionPoint;

/**
 * A post-call delivery target type. Implementations are stateless and thread-safe.
 *
 * <p>Life of a delivery: the hub builds a {@link CallEvent}, asks {@link #build} for the request,
 * signs and sends it, then asks {@link #classify} what the answer means. A redirect is shown to
 * {@link #onRedirect} before anything else; by default none is followed.
 */
public interface Connector extends ExtensionPoint {

    /** The version of this API; bumped on incompatible change. A connector reports the one it was built for. */
    int API_VERSION = 1;

    /** The id flows name in {@code post_call_webhook.connector}: lower case, e.g. {@code slack}. */
    String id();

    /** A human name, e.g. {@code Slack incoming webhook}. */
    String name();

    /** The API version this connector was compiled against; the hub refuses ones it does not speak. */
    default int apiVersion() {
        return API_VERSION;
    }

    /**
     * Checks a destination when a flow is saved. Errors refuse the flow (400); warnings are shown
     * in the flow's answer. The URL has already passed the hub's own checks (absolute http(s), not
     * internal).
     */
    default Validation validate(Destination destination) {
        return Validation.ok();
    }

    /** Builds the HTTP request for one attempt. Must not block or do I/O. */
    OutgoingRequest build(CallEvent event, Destination destination);

    /** What an HTTP answer means. The default: 2xx succeeds, anything else is retried. */
    default Verdict classify(HttpResult result) {
        return Verdict.byStatus(result.statusCode());
    }

    /** What to do with a 3xx answer. The default follows nothing, so the attempt fails with the redirect named. */
    default Redirect onRedirect(int statusCode, String location) {
        return Redirect.refuse();
    }

    /**
     * The event the Test button sends, given the hub's sample (the flow's latest call, or a
     * synthetic one). Services that learn their fields from a sample (Zapier, Make) fill every
     * {@code null} here so nothing is learnt as empty.
     */
    default CallEvent sample(CallEvent base) {
        return base;
    }
}
