package dev.hookline.delivery;

import dev.hookline.plugins.Verdict;

/**
 * How one attempt ended: the verdict, the HTTP status (null without an answer), how long it took,
 * a readable error (null on success), the first 4 KiB of the answer's body, whether the request
 * went out at all ({@code sent}: false when the hub failed before sending) and whether it timed out.
 */
public record AttemptOutcome(Verdict verdict, Integer statusCode, long durationMs, String error, String responseBody, boolean sent,
                             boolean timedOut) {

    public boolean succeeded() {
        return verdict.kind() == Verdict.Kind.SUCCESS;
    }

    /** An attempt that failed before anything was sent (connector missing or failing, call unreadable). */
    static AttemptOutcome notSent(Verdict verdict, String error) {
        return new AttemptOutcome(verdict, null, 0, error, null, false, false);
    }
}
