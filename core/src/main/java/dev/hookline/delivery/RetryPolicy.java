package dev.hookline.delivery;

import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * When the next attempt of a failed delivery is due: the configured delay before attempt n+1,
 * or later if the receiver asked (Retry-After); none after the last attempt or a permanent
 * failure. Immutable.
 */
public final class RetryPolicy {
    private final List<Duration> delays;

    public RetryPolicy(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /** Epoch ms of the next attempt after attempt {@code attempt} (1-based) failed at {@code now}, or null when done. */
    public Long nextAttemptAt(int attempt, int maxAttempts, Verdict verdict, long now) {
        if (verdict.kind() == Verdict.Kind.PERMANENT || attempt >= maxAttempts) return null;
        long delay = delays.isEmpty() ? 0 : delays.get(Math.min(attempt - 1, delays.size() - 1)).toMillis();
        if (verdict.kind() == Verdict.Kind.RETRY_AFTER && verdict.retryAfter() != null) {
            delay = Math.max(delay, verdict.retryAfter().toMillis());
        }
        return now + delay;
    }
}
