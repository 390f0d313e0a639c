package dev.hookline.delivery;

import dev.hookline.plugins.Verdict;

/**
 * How one attempt ended: the verdict, the HTTP status (null without an answer), how long it
 * took, a readable error (null on success) and the first 4 KiB of the answer's body.
 */
public record AttemptOutcome(Verdict verdict, Integer statusCode, long durationMs, String error, String responseBody) {

    public boolean succeeded() {
        return verdict.kind() == Verdict.Kind.SUCCESS;
    }
}
