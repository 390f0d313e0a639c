package dev.hookline.delivery;

import dev.hookline.plugins.Verdict;

/**
 * How one attempt ended: the verdict, the HTTP status (null without one), how long it took, a
 * readable error (null on success), the first 4 KiB of the answer's body, and whether the
 * receiver answered in full. A status alone is not an answer: a receiver that sends
 * {@code 200} and then drips its body past the time-out did not answer, and its host's send limit
 * treats it as silent ({@link HostSlots}).
 */
public record AttemptOutcome(Verdict verdict, Integer statusCode, long durationMs, String error, String responseBody, boolean answered) {

    /** An outcome whose status, when there is one, came with a whole answer. */
    public AttemptOutcome(Verdict verdict, Integer statusCode, long durationMs, String error, String responseBody) {
        this(verdict, statusCode, durationMs, error, responseBody, statusCode != null);
    }

    public boolean succeeded() {
        return verdict.kind() == Verdict.Kind.SUCCESS;
    }
}
