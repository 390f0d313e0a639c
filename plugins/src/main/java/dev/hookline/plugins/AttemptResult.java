package dev.hookline.plugins;

import java.util.Objects;

/**
 * What a {@link DirectDelivery} attempt came to, as the hub records it: the verdict (its reason is
 * the attempt's error), the HTTP status of the answer that decided it (null when none came) and
 * that answer's body (the hub keeps its first 4 KiB). Never put credentials in the body or the
 * reason: both are shown in the delivery log. Immutable.
 */
public record AttemptResult(Verdict verdict, Integer statusCode, String responseBody) {
    public AttemptResult {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A verdict reached on {@code answer}: its status and body are recorded with it. */
    public static AttemptResult of(Verdict verdict, HttpResult answer) {
        return answer == null ? new AttemptResult(verdict, null, null) : new AttemptResult(verdict, answer.statusCode(), answer.body());
    }

    /** A verdict reached without an answer (a connection error, a time-out, a setting that cannot work). */
    public static AttemptResult of(Verdict verdict) {
        return new AttemptResult(verdict, null, null);
    }
}
