package dev.hookline.delivery;

import dev.hookline.plugins.Verdict;

/**
 * How one attempt ended: the verdict, the HTTP status (null without one), how long it took, a
 * readable error (null on success), the first 4 KiB of the answer's body, whether the request
 * went out at all ({@code sent}: false when the hub failed before sending) and whether the
 * receiver answered in full. A status alone is not an answer: a receiver that sends {@code 200}
 * and then drips its body past the time-out did not answer, and its host's send limit treats it
 * as silent ({@link HostSlots}).
 */
public record AttemptOutcome(Verdict verdict, Integer statusCode, long durationMs, String error, String responseBody, boolean sent,
                             boolean answered) {

    public boolean succeeded() {
        return verdict.kind() == Verdict.Kind.SUCCESS;
    }

    /** An attempt that failed before anything was sent (connector missing or failing, call unreadable). */
    static AttemptOutcome notSent(Verdict verdict, String error) {
        return new AttemptOutcome(verdict, null, 0, error, null, false, false);
    }
}
