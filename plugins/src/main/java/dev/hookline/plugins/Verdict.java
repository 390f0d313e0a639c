package dev.hookline.plugins;

import java.time.Duration;

/**
 * What an answer means for the delivery. {@code reason} is recorded as the attempt's error
 * (null on success); {@code retryAfter} is set only for {@link Kind#RETRY_AFTER}. Immutable.
 */
public record Verdict(Kind kind, String reason, Duration retryAfter) {

    public enum Kind {
        /** Delivered. */
        SUCCESS,
        /** Failed; try again at the hub's next retry delay. */
        RETRY,
        /** Failed; try again no sooner than {@code retryAfter} (e.g. a 429 with Retry-After). */
        RETRY_AFTER,
        /** Failed for good (e.g. Slack's channel_is_archived): no further attempts. */
        PERMANENT
    }

    public static Verdict success() {
        return new Verdict(Kind.SUCCESS, null, null);
    }

    public static Verdict retry(String reason) {
        return new Verdict(Kind.RETRY, reason, null);
    }

    public static Verdict retryAfter(Duration after, String reason) {
        return new Verdict(Kind.RETRY_AFTER, reason, after);
    }

    public static Verdict permanent(String reason) {
        return new Verdict(Kind.PERMANENT, reason, null);
    }

    /**
     * A 429: retry no sooner than the answer's {@code Retry-After} (capped at {@code longest}), or
     * {@code whenUnsaid} when it names none; with {@code whenUnsaid} null, a plain retry.
     */
    public static Verdict rateLimited(HttpResult result, Duration whenUnsaid, Duration longest) {
        Duration wait = result.retryAfter().orElse(whenUnsaid);
        if (wait == null) return retry(result.reason() + " (rate limited)");
        if (wait.compareTo(longest) > 0) wait = longest;
        return retryAfter(wait, result.reason() + " (rate limited: next attempt in " + wait.toSeconds() + "s or later)");
    }

    /** 2xx succeeds; any other status is retried with the reason {@code HTTP <status>}. */
    public static Verdict byStatus(int status) {
        return status >= 200 && status < 300 ? success() : retry("HTTP " + status);
    }
}
