package dev.hookline.incall;

import dev.hookline.net.ExchangeFailure;

/**
 * How one in-call request ended: the host it went to, the status (0 when no response arrived),
 * the answer's first bytes (empty when not kept), whether the answer was cut at the size limit,
 * the failure (null on success) and the time from send to end. Immutable by convention (the body
 * array is not copied).
 */
record Exchange(String host, int status, byte[] body, boolean tooLarge, Throwable failure, long durationMs) {

    public boolean timedOut() {
        return failure != null && ExchangeFailure.isTimeout(failure);
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    /** A one-line description of the failure for the trace's {@code error}, worded as post-call attempts word it. */
    public String failureText() {
        return failure == null ? null : ExchangeFailure.describe(failure, host, null, status > 0);
    }
}
