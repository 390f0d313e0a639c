package dev.hookline.incall;

import java.util.concurrent.TimeoutException;

/**
 * How one in-call request ended: the status (0 when no response arrived), the answer's first
 * bytes (empty when not kept), whether the answer was cut at the size limit, the failure (null on
 * success) and the time from send to end. Immutable by convention (the body array is not copied).
 */
record Exchange(int status, byte[] body, boolean tooLarge, Throwable failure, long durationMs) {

    public boolean timedOut() {
        return failure instanceof TimeoutException;
    }

    public boolean is2xx() {
        return status >= 200 && status < 300;
    }

    /** A one-line description of the failure for the trace's {@code error}. */
    public String failureText() {
        if (failure == null) return null;
        Throwable t = failure;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }
}
