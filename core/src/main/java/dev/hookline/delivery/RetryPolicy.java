package dev.hookline.delivery;

import dev.hookline.plugins.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * When the next attempt of a failed delivery is due: the configured delay before attempt n+1,
 * or later if the receiver asked (Retry-After, at most an hour); none after the last attempt or a permanent
 * failure. Immutable.
 */
public final class RetryPolicy {
    /** The longest wait a {@code Retry-After} can ask for. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final List<Duration> delays;

    public RetryPolicy(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /** Epoch ms of the next attempt after attempt {@code attempt} (1-based) failed at {@code now}, or null when done. */
    public Long nextAttemptAt(int attempt, int maxAttempts, Verdict verdict, long now) {
        if (verdict.kind() == Verdict.Kind.PERMANENT || attempt >= maxAttempts) return null;
        long delay = delays.isEmpty() ? 0 : delays.get(Math.min(attempt - 1, delays.size() - 1)).toMillis();
        if (verdict.kind() == Verdict.Kind.RETRY_AFTER && verdict.retryAfter() != null) {
            // a receiver (or a connector) cannot park a delivery for longer than the cap
            Duration asked = verdict.retryAfter();
            Duration wait = asked.isNegative() ? Duration.ZERO : asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
            delay = Math.max(delay, wait.toMillis());
        }
        return now + delay;
    }
}
